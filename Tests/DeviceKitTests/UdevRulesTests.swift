import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import Testing

@Suite("udev rules")
struct UdevRulesTests {
    static let fixtureNodes = ["idreader-ch340", "receipt-printer-usblp", "validator-nv-acm", "scanner-acm", "unknown-gps-acm"]

    private func rules(user: String = "onetrip", group: String? = nil) throws -> UdevRulesFile {
        try UdevRulesGenerator(user: user, group: group).rules(for: try DeviceSamples.profiles())
    }

    @Test func theGeneratedFileParsesBackToTheSameRules() throws {
        let file = try self.rules()
        let parsed = try UdevRulesFile(parsing: file.text)
        #expect(parsed == file)
        #expect(parsed.rules.count == 5)
        for rule in parsed.rules {
            #expect(rule.assigned("OWNER") == ["onetrip"] && rule.assigned("GROUP") == ["onetrip"] && rule.assigned("MODE") == ["0660"])
        }
        #expect(file.text.contains("# a4-laser-cups") == false)
    }

    /// Round trip: each fixture device gets exactly the symlink of the role discovery gives it.
    @Test func everyDeviceGetsTheSymlinkOfItsRole() throws {
        let file = try UdevRulesFile(parsing: try self.rules().text)
        let matcher = DeviceMatcher(profiles: try DeviceSamples.profiles())
        for name in Self.fixtureNodes {
            let node = try DeviceSamples.node(name)
            let role = try #require(matcher.discover(node)).roles.first
            let assigned = file.assignments(for: node)
            #expect(assigned.symlinks == Set(role.map { ["onetrip/\($0.rawValue)"] } ?? []), "\(name)")
            #expect(assigned.group == (role == nil ? nil : "onetrip"), "\(name)")
        }
        // Two models on one bridge chip: access, but no role symlink (udev cannot tell them apart).
        let bridged = file.assignments(for: try DeviceSamples.bridge(serial: "AL0001", port: 7, tty: "ttyUSB1"))
        #expect(bridged.symlinks.isEmpty && bridged.mode == "0660")
        #expect(file.text.contains("# ambiguous: billValidator, idCardReader share this match"))
        // A scanner whose serial number does not fit the pattern gets nothing.
        var stranger = try DeviceSamples.node("scanner-acm")
        stranger.usbAttributes["serial"] = "XY1"
        #expect(file.assignments(for: stranger).symlinks.isEmpty)
    }

    @Test func aSpecificProfileTakesTheFallbackSymlinkAway() throws {
        var profiles = try DeviceSamples.profiles()
        var generic = try #require(profiles.first { $0.id == "escpos-80mm-generic" })
        generic.id = "scanner-tty-generic"
        generic.role = .paymentCodeScanner
        generic.match = DeviceMatch(subsystem: "tty", usbVendorID: nil, usbProductID: nil, interfaceNumber: nil, serialPattern: nil)
        generic.transport = .serial(baudRate: 9600)
        profiles.append(generic)
        let file = try UdevRulesFile(parsing: try UdevRulesGenerator(user: "onetrip").rules(for: profiles).text)
        // The generic rule comes before the specific ones, which remove its symlink again.
        let genericRule = #"SUBSYSTEM=="tty", ENV{ID_BUS}=="usb", OWNER="onetrip", GROUP="onetrip", MODE="0660", SYMLINK+="onetrip/paymentCodeScanner""#
        let descriptions = file.rules.map(\.description)
        let genericIndex = try #require(descriptions.firstIndex(of: genericRule))
        let readerIndex = try #require(descriptions.firstIndex { $0.contains("1a86") })
        #expect(genericIndex < readerIndex)
        #expect(descriptions[readerIndex].contains(#"SYMLINK-="onetrip/paymentCodeScanner""#))
        #expect(file.assignments(for: try DeviceSamples.node("idreader-ch340")).symlinks == ["onetrip/idCardReader"])
        #expect(file.assignments(for: try DeviceSamples.node("unknown-gps-acm")).symlinks == ["onetrip/paymentCodeScanner"])
    }

    @Test(arguments: [
        (#"SUBSYSTEM=="tty", ATTRZ{x}=="1", MODE="0660""#, "column 19: unknown key ATTRZ"),
        (#"SUBSYSTEM=="tty" MODE="0660""#, "column 18: expected a comma between keys"),
        (#"SUBSYSTEM=="tty", MODE=0660"#, "column 24: the value of MODE must be in double quotes"),
        (#"SUBSYSTEM=="tty", ATTRS=="x""#, "column 19: ATTRS needs an {attribute}"),
        (#"SUBSYSTEM{x}=="tty""#, "column 1: SUBSYSTEM takes no {attribute}"),
        (#"SUBSYSTEM=~"tty""#, "column 10: SUBSYSTEM can only be matched"),
        (#"SUBSYSTEM=="tty", MODE=="0660""#, "column 23: MODE can only be assigned"),
        (#"SUBSYSTEM=="tty", MODE~"0660""#, "column 23: expected an operator"),
        (#"MODE="0660""#, "column 1: the rule matches nothing"),
        (#"SUBSYSTEM=="tty"#, "column 12: unterminated value of SUBSYSTEM"),
    ])
    func malformedRulesAreRejectedWithTheColumn(line: String, expected: String) {
        do {
            _ = try UdevRule(parsing: line)
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error)")
        }
    }

    @Test func fileErrorsNameTheLine() {
        #expect(throws: UdevRulesFileError.self) { try UdevRulesFile(parsing: "# ok\n\nSUBSYSTEM==\"tty\", \\\n  MODE=\"x\", OOPS=\"1\"\n") }
        do {
            _ = try UdevRulesFile(parsing: "# ok\n\nSUBSYSTEM==\"tty\", \\\n  MODE=\"x\", OOPS=\"1\"\n")
        } catch {
            #expect(error.line == 3 && error.error.message == "unknown key OOPS")
        }
        // A continued line is one rule.
        #expect((try? UdevRulesFile(parsing: "SUBSYSTEM==\"tty\", \\\n  MODE=\"0660\"\n"))?.rules.count == 1)
    }

    @Test func userAndGroupNamesAreChecked() {
        #expect(throws: UdevRulesGeneratorError.self) { try UdevRulesGenerator(user: "kiosk\", RUN+=\"/bin/sh") }
        #expect(throws: UdevRulesGeneratorError.self) { try UdevRulesGenerator(user: "onetrip", group: "Root") }
        #expect((try? UdevRulesGenerator(user: "onetrip", group: "dialout"))?.group == "dialout")
    }

    @Test(arguments: [
        ("^SC[0-9]+$", "SC[0-9]*", false, ["SC1", "SC20240001"], ["XSC1", "sc1"]),
        ("^AL[0-9]{4}$", "AL[0-9][0-9][0-9][0-9]", true, ["AL0001"], ["AL001", "AL00011"]),
        ("^IDR.*", "IDR*", true, ["IDR", "IDR-7"], ["XIDR"]),
        ("FT", "*FT*", true, ["xxFTyy"], ["F T"]),
        ("^A\\.B$", "A.B", true, ["A.B"], ["AxB"]),
        ("^(AB|CD)$", nil, false, [], []),
        ("^ABC$|^XYZ$", "ABC|XYZ", true, ["ABC", "XYZ"], ["ABCXYZ"]),
        ("^[^0-9]\\d$", "[!0-9][0-9]", true, ["A1"], ["11"]),
    ] as [(String, String?, Bool, [String], [String])])
    func serialPatternsBecomeGlobs(regex: String, glob: String?, exact: Bool, matching: [String], notMatching: [String]) throws {
        let translated = SerialGlob(regex: regex)
        #expect(translated?.pattern == glob)
        guard let translated else { return }
        #expect(translated.isExact == exact)
        let rule = try UdevRule(parsing: #"SUBSYSTEM=="tty", ATTRS{serial}=="\#(translated.pattern)""#)
        for serial in matching {
            #expect(rule.matches(UdevDevice(syspath: "/x", sysname: "x", subsystem: "tty", usbAttributes: ["serial": serial])), "\(serial)")
            #expect(serial.range(of: regex, options: .regularExpression) != nil)
        }
        for serial in notMatching {
            #expect(!rule.matches(UdevDevice(syspath: "/x", sysname: "x", subsystem: "tty", usbAttributes: ["serial": serial])) || !exact, "\(serial)")
            #expect(serial.range(of: regex, options: .regularExpression) == nil)
        }
    }

    // MARK: systemd's own rule engine

    /// Whether this process may make a private mount namespace (root, not in a locked-down container).
    static let canUseMountNamespace: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-m", "true"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// `udevadm test` (systemd 252 has no `udevadm verify`) reads the generated file with udev's
    /// own parser and applies it to each recorded device inside a umockdev testbed: it must
    /// report no invalid line and give each device the symlink its role says.
    @Test(.enabled(if: Self.canUseMountNamespace, "needs root and a private mount namespace (unshare -m)"))
    func udevItselfAcceptsTheRulesAndGivesEachDeviceItsSymlink() async throws {
        let directory = try Fixtures.temporaryDirectory("udev-rules")
        defer { try? FileManager.default.removeItem(at: directory) }
        // A user and group every Debian system has, so udev resolves them.
        try self.rules(user: "nobody", group: "dialout").text.write(to: directory.appendingPathComponent("70-onetrip.rules"), atomically: true, encoding: .utf8)
        let matcher = DeviceMatcher(profiles: try DeviceSamples.profiles())
        for name in Self.fixtureNodes {
            let node = try DeviceSamples.node(name)
            let child = try ChildProcess(
                "/usr/bin/unshare",
                [
                    "-m", Umockdev.fixtures.appendingPathComponent("udevadm-test.sh").path, directory.path, node.syspath, "--device", Umockdev.host,
                    "--device", Umockdev.description(name),
                ])
            defer { child.stop() }
            let status = try await child.finish()
            let output = child.standardOutput + "\n" + child.standardError
            #expect(status == 0, "\(output)")
            #expect(output.contains("Reading rules file: /etc/udev/rules.d/70-onetrip.rules"), "\(output)")
            #expect(!output.contains("70-onetrip.rules") || !output.lowercased().contains("invalid"), "\(output)")
            let links = output.split(separator: "\n").filter { $0.contains("70-onetrip.rules") && $0.contains(" LINK '") }
            if let role = matcher.discover(node)?.roles.first {
                #expect(links.count == 1 && links[0].hasSuffix("LINK 'onetrip/\(role.rawValue)'"), "\(name): \(links)")
                #expect(output.contains("70-onetrip.rules:") && output.contains("MODE 0660"), "\(name)")
            } else {
                #expect(links.isEmpty, "\(name): \(links)")
            }
        }
    }
}
