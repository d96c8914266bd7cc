import DeviceKit
import Foundation
import KioskCore
import Logging

/// Takes payment-code payments for the session: accepts a scan only while a transaction is
/// paying, classifies it, writes the trade to the ledger as pending before calling the provider,
/// and runs each trade's ``MicropayMachine`` (pay, "user is paying", query until paid or the
/// deadline, then reverse) against a ``PaymentProvider``. Events map onto the session's
/// `paymentCodePending` / `paymentCodeSucceeded` / `paymentCodeFailed`.
///
/// One trade per transaction at a time: a second scan while one is in flight is ignored (the
/// citizen's phone under the scanner), and a new scan after a failure gets a new out-trade
/// number (WeChat: a new auth code needs a new out_trade_no; research C.3).
public actor PaymentCodeTerminal {
    /// The terminal's own thread: trade lines are fsynced inside the actor, off the cooperative pool.
    private nonisolated let executor = DedicatedThreadExecutor(name: "onetrip-paymentcode")
    /// Runs the actor on ``executor``.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { self.executor.asUnownedSerialExecutor() }

    /// Payment events.
    public nonisolated let events: AsyncStream<PaymentEvent>
    let continuation: AsyncStream<PaymentEvent>.Continuation
    let provider: any PaymentProvider
    let ledger: CodePaymentLedger
    let timing: MicropayMachine.Timing
    let acceptedWallets: Set<Wallet>
    var active: (transactionID: TransactionID, amountDue: Money, description: String)?
    var trades: [String: MicropayMachine] = [:]
    var tradeTransactions: [String: TransactionID] = [:]
    var inFlight: [TransactionID: String] = [:]
    let clock = ContinuousClock()
    let startedAt: ContinuousClock.Instant
    let logger: Logger

    /// Creates a terminal.
    /// - Throws: ``SQLiteError`` or ``MigrationError`` when the ledger cannot be opened.
    public init(
        provider: any PaymentProvider, ledgerPath: String, timing: MicropayMachine.Timing = .init(),
        acceptedWallets: Set<Wallet> = [.wechatPay, .alipay], logger: Logger = Logger(label: "onetrip.cash.paymentcode")
    ) throws {
        self.provider = provider
        self.ledger = try CodePaymentLedger(path: ledgerPath)
        self.timing = timing
        self.acceptedWallets = acceptedWallets
        self.logger = logger
        (self.events, self.continuation) = AsyncStream.makeStream(of: PaymentEvent.self)
        self.startedAt = self.clock.now
    }

    var uptime: Duration { self.clock.now - self.startedAt }

    // MARK: The session's requests

    /// Accepts scans for a transaction.
    public func start(_ transactionID: TransactionID, amountDue: Money, description: String) {
        self.active = (transactionID, amountDue, description)
    }

    /// Stops accepting scans; a trade in flight that is not paid is reversed.
    public func stop(_ transactionID: TransactionID) {
        if self.active?.transactionID == transactionID { self.active = nil }
        if let id = self.inFlight[transactionID] { self.trades[id]?.cancel() }
    }

    /// Whether a trade is still running (for orderly shutdown and tests).
    public var hasTradesInFlight: Bool { !self.inFlight.isEmpty || self.trades.values.contains { !$0.state.isFinal } }

    /// Feeds the scanner's events: codes to ``scanned(_:)``, status changes to ``events``.
    public func consume(_ scanner: AsyncStream<PaymentCodeScannerDriver.Event>) async {
        for await event in scanner {
            switch event {
            case .scanned(let code): self.scanned(code)
            case .status(let status): self.continuation.yield(.deviceStatusChanged(status))
            }
        }
    }

    /// A code was scanned.
    public func scanned(_ text: String) {
        guard let active = self.active else {
            self.logger.notice("scan outside a payment ignored", metadata: ["code": "\(PersonalDataMask.paymentCode(text))"])
            return
        }
        if self.inFlight[active.transactionID] != nil {
            self.logger.info("scan ignored: a payment is in progress", metadata: ["transaction": "\(active.transactionID)"])
            return
        }
        let code: PaymentCode
        do {
            code = try PaymentCode(scanned: text)
        } catch {
            self.logger.info("not a payment code", metadata: ["reason": "\(error)"])
            self.continuation.yield(
                .paymentCodeFailed(active.transactionID, LocalizedText(zh: "无法识别的付款码", en: "That is not a payment code")))
            return
        }
        guard self.acceptedWallets.contains(code.wallet) else {
            self.continuation.yield(
                .paymentCodeFailed(
                    active.transactionID, LocalizedText(zh: "暂不支持该付款方式，请使用微信或支付宝", en: "\(code.wallet) is not accepted; use WeChat Pay or Alipay")))
            return
        }
        do {
            let attempt = try self.ledger.records(for: active.transactionID).count + 1
            let number = try Self.outTradeNumber(active.transactionID, attempt: attempt)
            let request = MicropayRequest(outTradeNumber: number, code: code, amount: active.amountDue, description: active.description)
            try self.ledger.insertPending(request, transactionID: active.transactionID)
            self.trades[number] = MicropayMachine(request: request, timing: self.timing)
            self.tradeTransactions[number] = active.transactionID
            self.inFlight[active.transactionID] = number
            self.logger.info("payment code trade", metadata: ["trade": "\(number)", "code": "\(code)", "amount": "\(active.amountDue)"])
            Task { await self.drive(number, reportTo: active.transactionID) }
        } catch {
            self.logger.critical("payment-code ledger unwritable", metadata: ["error": "\(error)"])
            self.continuation.yield(
                .paymentDeviceFailed(active.transactionID, LocalizedText(zh: "扫码支付暂停使用", en: "Payment codes are unavailable")))
        }
    }

    /// The out-trade number of a transaction's `attempt`-th scan: `HS_0001_000042T_1`, letters,
    /// digits and `_` only (Alipay's rule) and at most 32 characters (WeChat's).
    public static func outTradeNumber(_ transactionID: TransactionID, attempt: Int) throws(ValidatorFault) -> String {
        let base = transactionID.description.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        let number = "\(base)_\(attempt)"
        guard number.count <= 32 else { throw .configuration("out-trade number \(number) is longer than 32 characters: shorten the kiosk id") }
        return number
    }
}
