/// What the kiosk's display shows: a view model a renderer draws without knowing the session.
///
/// Every text is bilingual; ``language`` says which one the citizen chose (Chinese first).
/// A screen never holds an unmasked document number: identity fields arrive masked.
public struct Screen: Hashable, Sendable, Codable {
    /// Which step of the visit the screen belongs to (renderers pick colours and layout by it).
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case idle, reading, cardRejected, serviceMenu, fetching, preview, payment, printing, collect, outOfService, error
    }

    /// The step.
    public var kind: Kind
    /// The language the citizen chose.
    public var language: Language
    /// The big title.
    public var title: LocalizedText
    /// The body, top to bottom.
    public var lines: [ScreenLine]
    /// Buttons, in order; digit keys select them by their ``ScreenChoice/key``.
    public var choices: [ScreenChoice]
    /// Progress of a long step (printing pages), if any.
    public var progress: ScreenProgress?
    /// Seconds left before the step times out, if it can.
    public var countdown: Int?
    /// Short notices for the status line ("现金支付暂停" / "Cash payment paused").
    public var notices: [LocalizedText]

    /// Creates a screen.
    public init(
        kind: Kind, language: Language, title: LocalizedText, lines: [ScreenLine] = [], choices: [ScreenChoice] = [],
        progress: ScreenProgress? = nil, countdown: Int? = nil, notices: [LocalizedText] = []
    ) {
        self.kind = kind
        self.language = language
        self.title = title
        self.lines = lines
        self.choices = choices
        self.progress = progress
        self.countdown = countdown
        self.notices = notices
    }

    /// Every text on the screen in both languages, for checks such as "no full ID number shown".
    public var allText: [String] {
        var texts = [self.title.zh, self.title.en]
        for line in self.lines {
            texts += [line.text.zh, line.text.en]
            if let label = line.label { texts += [label.zh, label.en] }
        }
        for choice in self.choices { texts += [choice.label.zh, choice.label.en] }
        if let progress = self.progress { texts += [progress.label.zh, progress.label.en] }
        for notice in self.notices { texts += [notice.zh, notice.en] }
        return texts
    }

    /// The choice a key selects: its digit, Enter for the primary choice, Escape for cancel.
    public func choice(forKey key: String) -> ScreenChoice? {
        if let match = self.choices.first(where: { $0.key == key }) { return match }
        switch key {
        case "enter": return self.choices.first { $0.style == .primary }
        case "escape": return self.choices.first { $0.style == .cancel }
        default: return nil
        }
    }
}

/// One line of a screen's body: plain text, or a label with a value (`姓名 / Name  张*`).
public struct ScreenLine: Hashable, Sendable, Codable {
    /// How a line is emphasised.
    public enum Style: String, Hashable, Sendable, Codable {
        /// Ordinary text.
        case body
        /// Important: larger or bold.
        case emphasis
        /// A problem the citizen must know about.
        case warning
        /// An amount of money.
        case amount
        /// Small print.
        case hint
    }

    /// The label of a label/value row.
    public var label: LocalizedText?
    /// The text (or the value of a row).
    public var text: LocalizedText
    /// Emphasis.
    public var style: Style

    /// Creates a line.
    public init(_ text: LocalizedText, label: LocalizedText? = nil, style: Style = .body) {
        self.label = label
        self.text = text
        self.style = style
    }
}

/// A button on the screen.
public struct ScreenChoice: Hashable, Sendable, Codable {
    /// How prominent the button is; Enter selects `.primary`, Escape `.cancel`.
    public enum Style: String, Hashable, Sendable, Codable {
        case primary, secondary, cancel
    }

    /// What selecting it means to the session.
    public var id: ChoiceID
    /// The button's text.
    public var label: LocalizedText
    /// Prominence.
    public var style: Style
    /// The keypad digit that selects it (`"1"`…`"9"`, `"0"`).
    public var key: String?

    /// Creates a button.
    public init(id: ChoiceID, label: LocalizedText, style: Style = .secondary, key: String? = nil) {
        self.id = id
        self.label = label
        self.style = style
        self.key = key
    }
}

/// Progress of a long step.
public struct ScreenProgress: Hashable, Sendable, Codable {
    /// Units done (pages printed).
    public var completed: Int
    /// Units in all; 0 when unknown.
    public var total: Int
    /// What is progressing.
    public var label: LocalizedText

    /// Creates a progress value.
    public init(completed: Int, total: Int, label: LocalizedText) {
        self.completed = completed
        self.total = total
        self.label = label
    }

    /// Fraction done in 0...1 (0 when the total is unknown).
    public var fraction: Double {
        self.total > 0 ? min(1, max(0, Double(self.completed) / Double(self.total))) : 0
    }
}

/// What a button means to the session.
public struct ChoiceID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Print the proof (the one touch of one-swipe mode).
    public static let print = ChoiceID(rawValue: "print")
    /// Print a slip of what the screen shows.
    public static let printSlip = ChoiceID(rawValue: "print-slip")
    /// Pay with cash.
    public static let payCash = ChoiceID(rawValue: "pay-cash")
    /// Pay with a payment code.
    public static let payCode = ChoiceID(rawValue: "pay-code")
    /// Leave the step (and usually the session).
    public static let cancel = ChoiceID(rawValue: "cancel")
    /// Show the service menu instead of the one-swipe default.
    public static let otherServices = ChoiceID(rawValue: "other-services")
    /// Done: back to idle.
    public static let finish = ChoiceID(rawValue: "finish")
    /// Switch between Chinese and English.
    public static let language = ChoiceID(rawValue: "language")

    /// Choose a service from the menu.
    public static func service(_ code: ServiceCode) -> ChoiceID { ChoiceID(rawValue: "service:\(code.rawValue)") }

    /// The service code of a `service:` choice.
    public var serviceCode: ServiceCode? {
        self.rawValue.hasPrefix("service:") ? ServiceCode(rawValue: String(self.rawValue.dropFirst(8))) : nil
    }

    public var description: String { self.rawValue }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }
}
