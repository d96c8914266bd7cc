extension Duration {
    /// The duration in seconds as a floating-point number, for figures.
    var seconds: Double { Double(self.components.seconds) + Double(self.components.attoseconds) / 1e18 }
    /// The duration in milliseconds.
    var milliseconds: Double { self.seconds * 1000 }
}
