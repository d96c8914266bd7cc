import ArgumentParser
import Foundation
import PaymentGatewaySimulator
import Simulators

/// `onetrip sim payment-gateway --port N`: the reference payment gateway on loopback HTTP. A
/// code's last digit picks what the wallet does: 1 pays, 2 asks for the password then pays,
/// 3 asks then fails, 4 answers SYSTEMERROR but pays, 5 is expired, 6 never confirms (reverse
/// says "still paying" twice), 7 has no balance.
struct PaymentGatewaySimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment-gateway", abstract: "Run the reference micropay gateway on loopback HTTP.")

    @Option(help: "The TCP port (0 picks a free one).")
    var port: Int = 8089

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The merchant key callers must present as a bearer token.")
    var merchantKey: String?

    @Option(help: "Delay every answer (e.g. 2s) to try slow networks.")
    var delay: String = "0s"

    func run() async throws {
        let server = PaymentGatewayServer(merchantKey: self.merchantKey)
        guard let delay = BillValidatorSimulator.duration(self.delay) else { throw ValidationError("'\(self.delay)' is not a duration") }
        await server.setFaults { $0.answerDelay = delay }
        let port = try await server.start(host: self.host, port: self.port)
        say("payment gateway on http://\(self.host):\(port)/v1/ (micropay, orderquery, reverse, refund)")
        await SignalWait.untilInterrupted()
        await server.stop()
    }
}
