extension ESCPOSDecoder {
    /// `ESC` commands (research A.3, A.8; python-escpos constants).
    static func parseESC(_ bytes: ArraySlice<UInt8>) -> Parse {
        guard let function = byte(bytes, 1) else { return .needMore }
        func one(_ make: (UInt8) -> ESCPOSCommand) -> Parse {
            guard let n = byte(bytes, 2) else { return .needMore }
            return .command(make(n), length: 3)
        }
        func word(_ make: (Int) -> ESCPOSCommand) -> Parse {
            guard let low = byte(bytes, 2), let high = byte(bytes, 3) else { return .needMore }
            return .command(make(Int(low) | Int(high) << 8), length: 4)
        }
        switch function {
        case 0x40: return .command(.initialize, length: 2)
        case 0x21: return one { .selectPrintMode($0) }
        case 0x45: return one { .setEmphasis($0) }
        case 0x47: return one { .setDoubleStrike($0) }
        case 0x2D: return one { .setUnderline($0) }
        case 0x61: return one { .setAlignment($0) }
        case 0x4D: return one { .selectFont($0) }
        case 0x64: return one { .printAndFeedLines($0) }
        case 0x65: return one { .printAndReverseFeedLines($0) }
        case 0x4A: return one { .printAndFeedDots($0) }
        case 0x32: return .command(.setDefaultLineSpacing, length: 2)
        case 0x33, 0x2B, 0x41: return one { .setLineSpacing(command: function, $0) }
        case 0x74: return one { .selectCodePage($0) }
        case 0x52: return one { .selectInternationalCharacterSet($0) }
        case 0x7B: return one { .setUpsideDown($0) }
        case 0x56: return one { .setRotation($0) }
        case 0x72: return one { .selectColor($0) }
        case 0x3D: return one { .selectPeripheral($0) }
        case 0x20: return one { .setCharacterSpacing($0) }
        case 0x55: return one { .setUnidirectional($0) }
        case 0x3F: return one { .cancelUserDefinedCharacter($0) }
        case 0x69: return .command(.legacyCut(partial: false), length: 2)
        case 0x6D: return .command(.legacyCut(partial: true), length: 2)
        case 0x24: return word { .setAbsolutePosition($0) }
        case 0x5C: return word { .setRelativePosition($0 >= 0x8000 ? $0 - 0x10000 : $0) }
        case 0x70:
            guard let pin = byte(bytes, 2), let on = byte(bytes, 3), let off = byte(bytes, 4) else { return .needMore }
            return .command(.generatePulse(pin: pin, onTime: on, offTime: off), length: 5)
        case 0x42:
            guard let times = byte(bytes, 2), let duration = byte(bytes, 3) else { return .needMore }
            return .command(.buzzer(times: times, duration: duration), length: 4)
        case 0x63:
            guard let sub = byte(bytes, 2), let n = byte(bytes, 3) else { return .needMore }
            guard [0x30, 0x33, 0x34, 0x35].contains(sub) else { return .unknown(bytes, 3) }
            return .command(.setPanelOrSensors(function: sub, n), length: 4)
        case 0x44:
            // ESC D n1 … nk NUL, at most 32 tab stops.
            for index in 2..<min(bytes.count, 2 + 33) where bytes[bytes.startIndex + index] == 0 {
                return .command(.setTabStops(Array(bytes[(bytes.startIndex + 2)..<(bytes.startIndex + index)])), length: index + 1)
            }
            return bytes.count >= 2 + 33 ? .invalid("ESC D", "more than 32 tab stops without a terminating NUL", length: 2) : .needMore
        case 0x2A:
            // ESC * m nL nH d1…dk: k = n (8-dot modes 0, 1) or 3n (24-dot modes 32, 33).
            guard let mode = byte(bytes, 2), let low = byte(bytes, 3), let high = byte(bytes, 4) else { return .needMore }
            let width = Int(low) | Int(high) << 8
            let perColumn: Int
            switch mode {
            case 0, 1: perColumn = 1
            case 32, 33: perColumn = 3
            default: return .invalid("ESC *", "bit-image mode \(mode) is not 0, 1, 32 or 33", length: 5)
            }
            guard let data = range(bytes, 5, 5 + width * perColumn) else { return .needMore }
            return .command(.columnImage(mode: mode, width: width, data: data), length: 5 + width * perColumn)
        default:
            return .unknown(bytes, 2)
        }
    }

    /// `GS` commands (research A.3, A.5–A.9).
    static func parseGS(_ bytes: ArraySlice<UInt8>) -> Parse {
        guard let function = byte(bytes, 1) else { return .needMore }
        func one(_ make: (UInt8) -> ESCPOSCommand) -> Parse {
            guard let n = byte(bytes, 2) else { return .needMore }
            return .command(make(n), length: 3)
        }
        func word(_ make: (Int) -> ESCPOSCommand) -> Parse {
            guard let low = byte(bytes, 2), let high = byte(bytes, 3) else { return .needMore }
            return .command(make(Int(low) | Int(high) << 8), length: 4)
        }
        switch function {
        case 0x21: return one { .setCharacterSize($0) }
        case 0x42: return one { .setReverse($0) }
        case 0x62: return one { .setSmoothing($0) }
        case 0x7C: return one { .setDensity($0) }
        case 0x68: return one { .setBarcodeHeight($0) }
        case 0x77: return one { .setBarcodeModuleWidth($0) }
        case 0x48: return one { .setBarcodeTextPosition($0) }
        case 0x66: return one { .setBarcodeTextFont($0) }
        case 0x72: return one { .transmitStatus($0) }
        case 0x61: return one { .enableAutomaticStatusBack($0) }
        case 0x49: return one { .transmitPrinterID($0) }
        case 0x4C: return word { .setLeftMargin($0) }
        case 0x57: return word { .setPrintAreaWidth($0) }
        case 0x50:
            guard let x = byte(bytes, 2), let y = byte(bytes, 3) else { return .needMore }
            return .command(.setMotionUnits(x, y), length: 4)
        case 0x56:
            // GS V m, or GS V m n for m ∈ {65, 66, 97, 98, 103, 104} (A.8, A.10).
            guard let mode = byte(bytes, 2) else { return .needMore }
            switch mode {
            case 0, 1, 48, 49: return .command(.cut(mode: mode, feed: nil), length: 3)
            case 65, 66, 97, 98, 103, 104:
                guard let n = byte(bytes, 3) else { return .needMore }
                return .command(.cut(mode: mode, feed: n), length: 4)
            default: return .invalid("GS V", "cut mode \(mode) is not 0, 1, 48, 49, 65, 66, 97, 98, 103 or 104", length: 3)
            }
        case 0x6B: return self.parseBarcode(bytes)
        case 0x28: return self.parseExtended(bytes)
        case 0x38:
            // GS 8 L p1 p2 p3 p4 m fn …: graphics with a 32-bit length.
            guard let kind = byte(bytes, 2) else { return .needMore }
            guard kind == 0x4C else { return .unknown(bytes, 3) }
            guard let length = range(bytes, 3, 7) else { return .needMore }
            let count = Int(length[0]) | Int(length[1]) << 8 | Int(length[2]) << 16 | Int(length[3]) << 24
            guard count >= 2, count <= maximumCommandLength else { return .invalid("GS 8 L", "length \(count) out of range", length: 7) }
            guard let body = range(bytes, 7, 7 + count) else { return .needMore }
            return .command(.graphics(fn: body[1], parameters: [body[0]] + body[2...]), length: 7 + count)
        case 0x76:
            // GS v 0 m xL xH yL yH d1…dk, k = x·y (A.7).
            guard let zero = byte(bytes, 2) else { return .needMore }
            guard zero == 0x30 else { return .unknown(bytes, 3) }
            guard let header = range(bytes, 3, 8) else { return .needMore }
            let widthBytes = Int(header[1]) | Int(header[2]) << 8
            let height = Int(header[3]) | Int(header[4]) << 8
            let count = widthBytes * height
            guard count <= maximumCommandLength else { return .invalid("GS v 0", "\(widthBytes)×\(height) bytes is larger than a printer accepts", length: 8) }
            guard let data = range(bytes, 8, 8 + count) else { return .needMore }
            return .command(.rasterImage(mode: header[0], widthBytes: widthBytes, height: height, data: data), length: 8 + count)
        default:
            return .unknown(bytes, 2)
        }
    }

    /// `GS k m …`: function A (m ≤ 6) up to NUL, function B (m ≥ 65) length-prefixed (A.6).
    static func parseBarcode(_ bytes: ArraySlice<UInt8>) -> Parse {
        guard let system = byte(bytes, 2) else { return .needMore }
        switch system {
        case 0...6:
            for index in 3..<min(bytes.count, 3 + 256) where bytes[bytes.startIndex + index] == 0 {
                return .command(.printBarcode(system: system, data: range(bytes, 3, index)!), length: index + 1)
            }
            return bytes.count >= 3 + 256 ? .invalid("GS k \(system)", "no NUL within 255 data bytes", length: 3) : .needMore
        case 65...79:
            guard let count = byte(bytes, 3) else { return .needMore }
            guard let data = range(bytes, 4, 4 + Int(count)) else { return .needMore }
            return .command(.printBarcode(system: system, data: data), length: 4 + Int(count))
        default:
            return .invalid("GS k", "barcode system \(system) is not 0…6 or 65…79", length: 3)
        }
    }

    /// `GS ( X pL pH …`: 2D symbols (`k`) and graphics (`L`); the framing is 5 + pL + 256·pH (A.10).
    static func parseExtended(_ bytes: ArraySlice<UInt8>) -> Parse {
        guard let kind = byte(bytes, 2), let low = byte(bytes, 3), let high = byte(bytes, 4) else { return .needMore }
        let count = Int(low) | Int(high) << 8
        guard let body = range(bytes, 5, 5 + count) else { return .needMore }
        switch kind {
        case 0x6B:
            guard count >= 2 else { return .invalid("GS ( k", "pL pH = \(count) is shorter than cn fn", length: 5 + count) }
            return .command(.symbol(cn: body[0], fn: body[1], parameters: Array(body[2...])), length: 5 + count)
        case 0x4C:
            guard count >= 2 else { return .invalid("GS ( L", "pL pH = \(count) is shorter than m fn", length: 5 + count) }
            return .command(.graphics(fn: body[1], parameters: [body[0]] + body[2...]), length: 5 + count)
        default:
            return .unknown(bytes, 5 + count)
        }
    }

    /// `FS` commands (Chinese mode, research A.4).
    static func parseFS(_ bytes: ArraySlice<UInt8>) -> Parse {
        guard let function = byte(bytes, 1) else { return .needMore }
        func one(_ make: (UInt8) -> ESCPOSCommand) -> Parse {
            guard let n = byte(bytes, 2) else { return .needMore }
            return .command(make(n), length: 3)
        }
        switch function {
        case 0x26: return .command(.selectChineseMode, length: 2)
        case 0x2E: return .command(.cancelChineseMode, length: 2)
        case 0x21: return one { .setChinesePrintMode($0) }
        case 0x2D: return one { .setChineseUnderline($0) }
        case 0x57: return one { .setChineseQuadrupleSize($0) }
        case 0x43: return one { .selectChineseCodeSystem($0) }
        case 0x53, 0x70:
            guard let first = byte(bytes, 2), let second = byte(bytes, 3) else { return .needMore }
            return .command(function == 0x53 ? .setChineseSpacing(first, second) : .printNVImage(first, second), length: 4)
        default:
            return .unknown(bytes, 2)
        }
    }

    /// `DLE` real-time commands (research A.9).
    static func parseDLE(_ bytes: ArraySlice<UInt8>) -> Parse {
        guard let function = byte(bytes, 1) else { return .needMore }
        switch function {
        case 0x04, 0x05:
            guard let n = byte(bytes, 2) else { return .needMore }
            return .command(function == 0x04 ? .realTimeStatus(n) : .realTimeRequest(n), length: 3)
        case 0x14:
            guard let fn = byte(bytes, 2) else { return .needMore }
            guard fn == 1 else { return .unknown(bytes, 3) }
            guard let pin = byte(bytes, 3), let time = byte(bytes, 4) else { return .needMore }
            return .command(.realTimePulse(pin: pin, time: time), length: 5)
        default:
            return .unknown(bytes, 2)
        }
    }
}
