/// What the daemon tells the screen process (`onetrip screen`), one JSON object per line:
///
/// ```json
/// {"update":"show","screen":{"kind":"idle","language":"zh-CN","title":{"zh":"…","en":"…"},…}}
/// {"update":"blank"}
/// ```
///
/// The daemon sends the current screen as soon as a screen process connects, then every screen
/// the session emits (`SessionAction.show`). The screen process replaces the whole display with
/// each update, so nothing of an earlier screen (or citizen) stays visible.
public enum ScreenUpdate: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Draw this screen now, replacing everything shown before.
    case show(Screen)
    /// Show nothing but the status line (the daemon is stopping or restarting).
    case blank

    public var description: String {
        switch self {
        case .show(let screen): "show \(screen.kind.rawValue)"
        case .blank: "blank"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case update, screen
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let update = try container.decode(String.self, forKey: .update)
        switch update {
        case "show":
            self = .show(try container.decode(Screen.self, forKey: .screen))
        case "blank":
            self = .blank
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .update, in: container, debugDescription: "unknown screen update '\(update)' (expected show or blank)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .show(let screen):
            try container.encode("show", forKey: .update)
            try container.encode(screen, forKey: .screen)
        case .blank:
            try container.encode("blank", forKey: .update)
        }
    }
}
