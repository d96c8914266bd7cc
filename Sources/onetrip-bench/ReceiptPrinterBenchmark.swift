import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import Logging
import ReceiptPrinter
import Simulators

extension Benchmark {
    /// Receipts laid out and encoded per second, simulator decoding speed, PNG rendering time,
    /// and the driver's print-job round trip against the simulator over a PTY and over TCP.
    static let receiptPrinter = Benchmark(name: "receipt-printer", summary: "ESC/POS receipt encode rate and print-job round trip (PTY, TCP)") {
        let capabilities = try ReceiptPrinterBenchmarkSetup.capabilities("escpos-80mm-generic")
        let job = try ReceiptPrinterBenchmarkSetup.job()
        let context = ReceiptPrintContext(kioskID: "HS-0001", issuedAt: Date(timeIntervalSince1970: 1_795_672_985), followUp: "https://onetrip.example/t/\(job.transactionID)")
        let encoder = try ESCPOSEncoder(capabilities: capabilities, unencodable: .substitute)
        let clock = ContinuousClock()

        let receipts = 5_000
        var bytes: [UInt8] = []
        let encodeTime = try clock.measure {
            for _ in 0..<receipts {
                let document = StandardReceipt.document(for: job, context: context, columns: capabilities.columns)
                bytes = try encoder.encode(document).bytes
            }
        }

        let decodes = 2_000
        var printer = ESCPOSPrinterModel(configuration: .init(capabilities: capabilities))
        let decodeTime = clock.measure {
            for _ in 0..<decodes {
                for case .command(let decoded) in ESCPOSDecoder.decodeAll(bytes) { _ = printer.execute(decoded.command) }
            }
        }
        guard let sample = printer.receipts.last else { throw BenchmarkError.missing("a simulated receipt") }

        let directory = try Fixtures.temporaryDirectory("onetrip-bench-receipt")
        defer { try? FileManager.default.removeItem(at: directory) }
        let renders = 20
        let renderTime = try clock.measure {
            for index in 0..<renders { try ReceiptImageRenderer.writePNG(sample, to: directory.appendingPathComponent("r\(index).png").path) }
        }

        let document = StandardReceipt.document(for: job, context: context, columns: capabilities.columns)
        let pty = try await ReceiptPrinterBenchmarkSetup.roundTrips(document, capabilities: capabilities, overTCP: false, jobs: 200)
        let tcp = try await ReceiptPrinterBenchmarkSetup.roundTrips(document, capabilities: capabilities, overTCP: true, jobs: 200)

        let encodeRate = Double(receipts) / encodeTime.seconds
        return [
            Figure(name: "standard receipt bytes (80 mm)", value: Double(bytes.count), unit: "bytes"),
            Figure(name: "layout + encode", value: encodeRate, unit: "receipts/s", goal: "≥ 1000", meetsGoal: encodeRate >= 1000),
            Figure(name: "simulator decode + print", value: Double(decodes * bytes.count) / decodeTime.seconds / 1e6, unit: "MB/s"),
            Figure(name: "PNG render", value: renderTime.seconds / Double(renders) * 1000, unit: "ms/receipt"),
            Figure(name: "print round trip over PTY p50", value: pty.p50, unit: "ms", goal: "≤ 100 ms", meetsGoal: pty.p50 <= 100),
            Figure(name: "print round trip over PTY p95", value: pty.p95, unit: "ms"),
            Figure(name: "print round trip over TCP p50", value: tcp.p50, unit: "ms", goal: "≤ 100 ms", meetsGoal: tcp.p50 <= 100),
            Figure(name: "print round trip over TCP p95", value: tcp.p95, unit: "ms"),
        ]
    }
}

/// Set-up for the receipt-printer benchmark.
enum ReceiptPrinterBenchmarkSetup {
    static func capabilities(_ id: String) throws -> ReceiptPrinterCapabilities {
        let library = DeviceProfileLibrary.load(directory: Fixtures.repositoryRoot.appendingPathComponent("DeviceProfiles"))
        guard case .receiptPrinter(let capabilities)? = library[id]?.capabilities else { throw BenchmarkError.missing("profile \(id)") }
        return capabilities
    }

    /// A two-fine cash receipt with an overpayment credit, for synthetic citizen alpha.
    static func job() throws -> ReceiptJob {
        ReceiptJob(
            transactionID: TransactionID(session: SessionID(kioskID: "HS-0001", number: 42)), kind: .receipt,
            serviceName: LocalizedText(zh: "交通违法查询缴款", en: "Traffic violations and fines"), citizen: try Fixtures.citizen("alpha").identity.masked,
            rows: [
                ReceiptRow(label: LocalizedText(zh: "决定书编号", en: "Decision No."), value: "3302031000000001"),
                ReceiptRow(label: LocalizedText(zh: "罚款", en: "Fine"), value: "￥200.00"),
                ReceiptRow(label: LocalizedText(zh: "决定书编号", en: "Decision No."), value: "3302031000000002"),
                ReceiptRow(label: LocalizedText(zh: "罚款", en: "Fine"), value: "￥150.00"),
            ],
            amountDue: .yuan(350), amountPaid: .yuan(400), paymentMethod: .cash, notice: nil)
    }

    /// Prints `jobs` receipts through the driver to a simulator; returns p50 and p95 in ms.
    static func roundTrips(_ document: ReceiptDocument, capabilities: ReceiptPrinterCapabilities, overTCP: Bool, jobs: Int) async throws -> (p50: Double, p95: Double) {
        let simulator = ReceiptPrinterSimulator(configuration: .init(printer: .init(capabilities: capabilities)))
        var link: SimulatedSerialLink?
        var serving: Task<Void, Never>?
        var listener: TCPListener?
        let endpoint: ReceiptPrinterEndpoint
        if overTCP {
            let tcp = try simulator.listen(port: 0)
            listener = tcp
            endpoint = .tcp(host: "127.0.0.1", port: tcp.port)
        } else {
            let serialLink = try SimulatedSerialLink(baudRate: 115_200, isPaced: false)
            link = serialLink
            serving = simulator.serve(link: serialLink)
            endpoint = .serial(path: serialLink.devicePath, baudRate: 115_200)
        }
        defer {
            serving?.cancel()
            link?.unplug()
            listener?.stop()
        }
        let driver = ReceiptPrinterDriver(
            configuration: ReceiptPrinterConfiguration(deviceID: "bench", capabilities: capabilities, endpoint: endpoint),
            logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
        let clock = ContinuousClock()
        var samples: [Double] = []
        for _ in 0..<jobs {
            let start = clock.now
            _ = try await driver.print(document)
            samples.append((clock.now - start).seconds * 1000)
        }
        await simulator.clearOutput()
        samples.sort()
        return (samples[samples.count / 2], samples[samples.count * 95 / 100])
    }
}

