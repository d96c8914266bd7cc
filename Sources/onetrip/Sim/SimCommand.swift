import ArgumentParser

/// `onetrip sim …`: device simulators that speak the device's side of the real protocol over a
/// pseudo-terminal or a TCP port, for the demo, for tests and for trying drivers without hardware.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run a device simulator.",
        subcommands: [
            // One line per simulator; each lives in its own file in this folder.
            ReceiptPrinterSimCommand.self,
            BillValidatorSimCommand.self,
            ScannerSimCommand.self,
            PaymentGatewaySimCommand.self,
            SimIDCardCommand.self,
            SimCardCommand.self,
            SimCUPSCommand.self,
            RecordsGatewaySimCommand.self,
        ]
    )
}
