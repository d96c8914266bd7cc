import KioskCore

/// The few words the renderer adds to a session's screen, in both languages.
public enum ScreenWords {
    /// The countdown: `剩余 45 秒` / `45 s left`.
    public static func countdown(_ seconds: Int) -> LocalizedText {
        LocalizedText(zh: "剩余 \(seconds) 秒", en: "\(seconds) s left")
    }

    /// The language button shows the language it switches to, in that language.
    public static func languageButton(current: Language) -> String {
        current == .zh ? "English" : "中文"
    }

    /// The keypad key that switches the language, shown on the language button.
    public static let languageKey = "*"

    /// Shown when the body has more lines than fit.
    public static func moreLines(_ count: Int) -> LocalizedText {
        LocalizedText(zh: "……还有 \(count) 行未显示", en: "… \(count) more lines not shown")
    }

    /// Shown when the terminal is smaller than ``TerminalSize/minimum``.
    public static let tooSmall = "屏幕太小 / Screen too small"

    /// What the screen shows before the kiosk service answers, and whenever it is unreachable:
    /// no citizen data, and words for a citizen rather than a technician.
    public static let connecting = Screen(
        kind: .outOfService, language: .zh,
        title: LocalizedText(zh: "请稍候", en: "Please wait"),
        lines: [
            ScreenLine(LocalizedText(verbatim: "本机正在准备服务"), style: .emphasis),
            ScreenLine(LocalizedText(verbatim: "This kiosk is getting ready"), style: .emphasis),
            ScreenLine(LocalizedText(verbatim: "如需立即办理，请到服务窗口"), style: .hint),
            ScreenLine(LocalizedText(verbatim: "If you are in a hurry, please go to a service counter"), style: .hint),
        ])
}
