import CashModule
import KioskCore

/// The session's payment actions, routed to the bill validator and the payment-code terminal.
public struct PaymentPort: PaymentTerminal {
    let payments: KioskPayments

    /// Creates the port.
    public init(payments: KioskPayments) {
        self.payments = payments
    }

    public func start(_ request: PaymentRequest) async {
        await self.payments.perform(.startPayment(request))
    }

    public func stackEscrowedNote(_ transaction: TransactionID, value: Money) async {
        await self.payments.perform(.stackEscrowedNote(transaction, value))
    }

    public func returnEscrowedNote(_ transaction: TransactionID, value: Money) async {
        await self.payments.perform(.returnEscrowedNote(transaction, value))
    }

    public func stop(_ transaction: TransactionID) async {
        await self.payments.perform(.stopPayment(transaction))
    }
}
