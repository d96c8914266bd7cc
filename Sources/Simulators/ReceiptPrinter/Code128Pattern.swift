/// Bar patterns of CODE128 (ISO/IEC 15417), so the simulator's PNG shows a barcode a scanner
/// can read. Each symbol is six alternating bar/space widths in modules (11 modules); the stop
/// symbol has seven (13 modules).
enum Code128Pattern {
    /// Widths of symbol values 0…106 (103/104/105 = start A/B/C, 106 = stop).
    static let widths: [String] = [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ]

    /// The symbol values for ESC/POS CODE128 data, whose code sets are chosen with `{A`, `{B`,
    /// `{C` (research A.6), including start and check symbols but not stop; `nil` when the
    /// data cannot be encoded.
    static func symbols(for data: [UInt8]) -> [Int]? {
        var values: [Int] = []
        var set: UInt8 = 0
        var index = 0
        while index < data.count {
            if data[index] == 0x7B, index + 1 < data.count, (0x41...0x43).contains(data[index + 1]) {
                let wanted = data[index + 1]
                if values.isEmpty {
                    values.append(Int(wanted - 0x41) + 103)
                } else if wanted != set {
                    values.append(wanted == 0x41 ? 101 : wanted == 0x42 ? 100 : 99)
                }
                set = wanted
                index += 2
                continue
            }
            let byte = data[index]
            switch set {
            case 0x41:
                guard byte < 0x60 else { return nil }
                values.append(byte < 0x20 ? Int(byte) + 64 : Int(byte) - 32)
                index += 1
            case 0x42:
                guard (0x20..<0x80).contains(byte) else { return nil }
                values.append(Int(byte) - 32)
                index += 1
            case 0x43:
                guard index + 1 < data.count, (0x30...0x39).contains(byte), (0x30...0x39).contains(data[index + 1]) else { return nil }
                values.append(Int(byte - 0x30) * 10 + Int(data[index + 1] - 0x30))
                index += 2
            default:
                return nil  // No code set selected.
            }
        }
        guard values.count > 1 else { return nil }
        var checksum = values[0]
        for (position, value) in values.enumerated().dropFirst() { checksum += position * value }
        return values + [checksum % 103]
    }

    /// Bars as (isBar, modules) runs, stop included.
    static func runs(for data: [UInt8]) -> [(isBar: Bool, modules: Int)]? {
        guard let symbols = self.symbols(for: data) else { return nil }
        var runs: [(isBar: Bool, modules: Int)] = []
        for value in symbols + [106] {
            for (position, width) in self.widths[value].enumerated() {
                runs.append((isBar: position % 2 == 0, modules: Int(String(width))!))
            }
        }
        return runs
    }
}
