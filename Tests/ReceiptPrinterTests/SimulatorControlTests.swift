import DeviceKit
import Foundation
import KioskTestSupport
import ReceiptPrinter
import Simulators
import Testing

/// The simulator's control socket, as `onetrip sim receipt-printer --control` serves it.
@Suite("Receipt printer simulator control socket")
struct SimulatorControlTests {
    @Test func controlCommandsSetTheStateTheDriverSees() async throws {
        let directory = try Fixtures.temporaryDirectory("onetrip-ctl")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("printer.sock").path
        try await PrinterRig.with(.tcp) { rig in
            let server = try SimulatorControlServer(path: path) { line in await rig.simulator.handleControl(line) }
            defer { server.stop() }
            func send(_ command: String) async throws -> String { try await SimulatorControlClient.send(command, to: path) }

            #expect(try await send("paper near-end").hasPrefix("ok"))
            #expect(await rig.driver.refreshStatus().details["paper"] == "near-end")
            #expect(try await send("cover open").hasPrefix("ok"))
            #expect(await rig.driver.refreshStatus().faults.map(\.code) == ["cover-open"])
            _ = try await send("cover closed")
            _ = try await send("paper ok")
            #expect(await rig.driver.refreshStatus().availability == .online)

            let document = try ReceiptFixtures.standardReceipt(rig.capabilities)
            _ = try await rig.driver.print(document)
            #expect(try await send("receipts") == "ok 1")
            #expect(try await send("last").contains("缴费凭条"))

            #expect(try await send("drop-next-job 80").hasPrefix("ok"))
            await #expect(throws: ReceiptPrintFailure.self) { _ = try await rig.driver.print(document) }
            #expect(try await send("silent on").hasPrefix("ok"))
            await #expect(throws: ReceiptPrintFailure.self) { _ = try await rig.driver.print(document) }
            _ = try await send("silent off")
            #expect(try await send("paper out-after 3").hasPrefix("ok"))
            do throws(ReceiptPrintFailure) {
                _ = try await rig.driver.print(document)
                Issue.record("printed although the paper ran out")
            } catch {
                guard case .stopped(let status) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(status.paper == .out)
            }
            #expect(try await send("status").contains("paper=out"))
            #expect(try await send("errors").hasPrefix("ok"))
            #expect(try await send("bogus").hasPrefix("error unknown command"))
            #expect(try await send("paper out-after none").hasPrefix("error"))
        }
    }
}
