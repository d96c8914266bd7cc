import KioskCore

/// The kiosk's payment side as the daemon sees it: the session's payment actions go in
/// (``perform(_:)``), one merged stream of ``PaymentEvent``s comes out (``events``), and each
/// event's ``PaymentEvent/sessionEvent`` goes straight back into the session.
///
/// ```swift
/// let payments = KioskPayments(validator: validator, terminal: terminal, descriptions: catalogue)
/// for action in session.handle(event, at: now) { await payments.perform(action) }
/// for await event in payments.events { if let e = event.sessionEvent { session.handle(e, at: now) } }
/// ```
public actor KioskPayments {
    /// Every payment event of both devices, in arrival order.
    public nonisolated let events: AsyncStream<PaymentEvent>
    private let continuation: AsyncStream<PaymentEvent>.Continuation
    private let validator: BillValidatorDriver?
    private let terminal: PaymentCodeTerminal?
    private let describe: @Sendable (ServiceCode) -> String
    private var methods: [TransactionID: PaymentMethod] = [:]
    private var forwarders: [Task<Void, Never>] = []

    /// Creates the router.
    /// - Parameters:
    ///   - validator: the bill validator, if the kiosk has one.
    ///   - terminal: the payment-code terminal, if the kiosk takes codes.
    ///   - describe: the text shown in the citizen's wallet for a service (`出入境签注缴费`).
    public init(validator: BillValidatorDriver?, terminal: PaymentCodeTerminal?, describe: @escaping @Sendable (ServiceCode) -> String) {
        self.validator = validator
        self.terminal = terminal
        self.describe = describe
        (self.events, self.continuation) = AsyncStream.makeStream(of: PaymentEvent.self)
    }

    /// Starts copying both devices' events into ``events`` (call once).
    public func startForwarding() {
        guard self.forwarders.isEmpty else { return }
        let continuation = self.continuation
        if let validator = self.validator {
            self.forwarders.append(Task { for await event in validator.events { continuation.yield(event) } })
        }
        if let terminal = self.terminal {
            self.forwarders.append(Task { for await event in terminal.events { continuation.yield(event) } })
        }
    }

    /// Carries out a session action; returns whether it was a payment action.
    @discardableResult
    public func perform(_ action: SessionAction) async -> Bool {
        switch action {
        case .startPayment(let request):
            self.methods[request.transactionID] = request.method
            switch request.method {
            case .cash:
                guard let validator = self.validator else {
                    self.continuation.yield(.paymentDeviceFailed(request.transactionID, LocalizedText(zh: "本机不收现金", en: "This kiosk takes no cash")))
                    return true
                }
                await validator.startCashIn(request.transactionID, amountDue: request.amountDue)
            case .paymentCode:
                guard let terminal = self.terminal else {
                    self.continuation.yield(
                        .paymentDeviceFailed(request.transactionID, LocalizedText(zh: "本机不支持扫码支付", en: "This kiosk takes no payment codes")))
                    return true
                }
                await terminal.start(request.transactionID, amountDue: request.amountDue, description: self.describe(request.service))
            }
        case .stackEscrowedNote(let id, let value):
            await self.validator?.stack(id, value: value)
        case .returnEscrowedNote(let id, let value):
            await self.validator?.returnNote(id, value: value)
        case .stopPayment(let id):
            switch self.methods.removeValue(forKey: id) {
            case .cash: await self.validator?.stopCashIn(id)
            case .paymentCode: await self.terminal?.stop(id)
            case nil:
                await self.validator?.stopCashIn(id)
                await self.terminal?.stop(id)
            }
        default:
            return false
        }
        return true
    }
}
