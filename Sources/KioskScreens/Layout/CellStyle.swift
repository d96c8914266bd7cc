/// What a cell is, which decides its colours (or, on a terminal without colours, its
/// bold/reverse attributes). The mapping to colours lives in the terminal renderer.
public enum CellStyle: Hashable, Sendable, CaseIterable {
    /// The status line (kiosk id, time).
    case status
    /// Out-of-service notices on the status line.
    case statusNotice
    /// The title band's background.
    case titleBand
    /// The title itself.
    case title
    /// The title in the other language (attract and out-of-service screens).
    case subtitle
    /// Ordinary body text.
    case body
    /// Important body text.
    case emphasis
    /// A problem the citizen must know about.
    case warning
    /// An amount of money.
    case amount
    /// Small print.
    case hint
    /// The label of a label/value row.
    case label
    /// The countdown box.
    case countdown
    /// The countdown box in its last ten seconds.
    case countdownUrgent
    /// The main button (Enter selects it).
    case primaryButton
    /// Other buttons.
    case secondaryButton
    /// The cancel/exit button (Escape or 0 selects it).
    case cancelButton
    /// A button while a finger is on it.
    case pressedButton
    /// The language button.
    case languageButton
    /// The done part of a progress bar.
    case progressDone
    /// The remaining part of a progress bar.
    case progressRemaining
}
