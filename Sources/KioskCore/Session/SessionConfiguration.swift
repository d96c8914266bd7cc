/// Everything a ``KioskSession`` is told at start: which kiosk it runs on, what it offers and
/// how long it waits at each step.
public struct SessionConfiguration: Hashable, Sendable {
    /// The kiosk's id, printed on receipts and proofs (`HS-0001`).
    public var kioskID: String
    /// The services on offer.
    public var catalogue: ServiceCatalogue
    /// Whether a card read goes straight to the catalogue's one-swipe default proof.
    public var isOneSwipe: Bool
    /// Deadlines per step.
    public var timeouts: SessionTimeouts
    /// What happens to a banknote that pays more than is due.
    public var overpayment: OverpaymentPolicy
    /// The number of the first session (one more than the last journalled one).
    public var firstSessionNumber: UInt64
    /// The banknotes the validator accepts, shown on the cash payment screen.
    public var acceptedBanknotes: [Money]

    /// Creates a configuration.
    public init(
        kioskID: String, catalogue: ServiceCatalogue, isOneSwipe: Bool = true, timeouts: SessionTimeouts = .init(),
        overpayment: OverpaymentPolicy = .creditAsVoucher(limit: .yuan(100)), firstSessionNumber: UInt64 = 1,
        acceptedBanknotes: [Money] = [.yuan(10), .yuan(20), .yuan(50), .yuan(100)]
    ) {
        self.acceptedBanknotes = acceptedBanknotes
        self.kioskID = kioskID
        self.catalogue = catalogue
        self.isOneSwipe = isOneSwipe
        self.timeouts = timeouts
        self.overpayment = overpayment
        self.firstSessionNumber = firstSessionNumber
    }
}

/// How long the session waits at each step before it gives up and heads back to idle.
public struct SessionTimeouts: Hashable, Sendable {
    /// From "card found" to the card's data.
    public var readingCard: Duration = .seconds(10)
    /// How long a rejected card's reason stays on screen.
    public var cardRejected: Duration = .seconds(8)
    /// Choosing a service.
    public var serviceMenu: Duration = .seconds(60)
    /// Waiting for a department's records.
    public var fetchingRecords: Duration = .seconds(20)
    /// Looking at the preview before confirming.
    public var preview: Duration = .seconds(60)
    /// Inserting cash: the clock restarts with every accepted note.
    public var cashPayment: Duration = .seconds(90)
    /// Showing a payment code and confirming it on the phone (WeChat closes unpaid orders at 45 s).
    public var codePayment: Duration = .seconds(60)
    /// A print job from submission to done (one proof, or one receipt).
    public var printing: Duration = .seconds(120)
    /// "Take your document and card".
    public var collect: Duration = .seconds(20)
    /// An error message.
    public var error: Duration = .seconds(10)

    /// The defaults above.
    public init() {}
}

/// What the kiosk does with a banknote worth more than what is still due. The kiosk holds no
/// change, so an overpayment can only be credited on a voucher, or the note refused in escrow.
public enum OverpaymentPolicy: Hashable, Sendable {
    /// Refuse (return from escrow) any note that would pay more than is due.
    case rejectOverpayingNotes
    /// Accept it and print the excess as a credit voucher, up to `limit` of excess.
    case creditAsVoucher(limit: Money)
}
