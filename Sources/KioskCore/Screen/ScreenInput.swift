/// What the citizen did on the kiosk's screen, sent by the screen process (`onetrip screen`) to
/// the daemon that owns the session, one JSON object per line:
///
/// ```json
/// {"input":"choice","choice":"print"}
/// {"input":"language"}
/// ```
///
/// The screen process only reports choices that were on the screen it showed; the session
/// ignores a choice that is not valid in its current state anyway.
public enum ScreenInput: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The citizen touched a button or pressed its keypad key.
    case choiceSelected(ChoiceID)
    /// The citizen switched between Chinese and English.
    case languageToggled

    /// The session event this input means.
    public var sessionEvent: SessionEvent {
        switch self {
        case .choiceSelected(let choice): .choiceSelected(choice)
        case .languageToggled: .languageToggled
        }
    }

    public var description: String {
        switch self {
        case .choiceSelected(let choice): "choice \(choice)"
        case .languageToggled: "language"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case input, choice
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let input = try container.decode(String.self, forKey: .input)
        switch input {
        case "choice":
            self = .choiceSelected(try container.decode(ChoiceID.self, forKey: .choice))
        case "language":
            self = .languageToggled
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .input, in: container, debugDescription: "unknown screen input '\(input)' (expected choice or language)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .choiceSelected(let choice):
            try container.encode("choice", forKey: .input)
            try container.encode(choice, forKey: .choice)
        case .languageToggled:
            try container.encode("language", forKey: .input)
        }
    }
}
