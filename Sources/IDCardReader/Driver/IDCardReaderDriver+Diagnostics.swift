import DeviceKit

extension IDCardReaderDriver {
    /// A stream of every card event from now on, besides ``events`` (which its owner, the
    /// session, consumes): for diagnostics and other watchers. Ends when ``run()`` ends.
    public nonisolated func observeEvents() -> AsyncStream<CardReaderEvent> {
        self.observers.subscribe()
    }

    /// Forgets that the card lying on the reader was read, so the next find reads it again and
    /// reports it as a new presentation (a technician's "read the card on the reader now").
    /// Does nothing while no card is known to lie there, or while one is being read.
    public func readCardAgain() {
        self.forgetHandledCard()
    }
}
