import KioskCore

/// The renderer's last line of defence for privacy: any full resident ID number (18 characters
/// that pass the GB 11643 check) in a text about to be drawn is masked the way
/// ``PersonalDataMask/idNumber(_:)`` masks it. The session already sends masked numbers only;
/// this keeps a future screen-building mistake from ever reaching the display.
public enum IDNumberRedaction {
    /// The text with every valid 18-character ID number masked.
    public static func redacted(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count >= 18 else { return text }
        var result = characters
        var changed = false
        var index = 0
        while index + 18 <= characters.count {
            let isCandidate =
                (index == 0 || !self.isNumberCharacter(characters[index - 1]))
                && characters[index..<(index + 17)].allSatisfy { $0.isASCII && $0.isNumber }
                && self.isNumberCharacter(characters[index + 17])
            if isCandidate, let number = try? IDNumber(String(characters[index..<(index + 18)]).uppercased()) {
                result.replaceSubrange(index..<(index + 18), with: Array(number.masked))
                changed = true
                index += 18
            } else {
                index += 1
            }
        }
        return changed ? String(result) : text
    }

    private static func isNumberCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isNumber || character == "X" || character == "x")
    }
}
