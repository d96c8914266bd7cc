import KioskCore

extension CardReaderStateMachine {
    /// Sends find now.
    mutating func find() -> Operation {
        self.phase = .finding
        return .exchange(.findCard, timeout: self.configuration.commandTimeout)
    }

    /// Waits one poll interval before the next find.
    mutating func idleWait() -> Operation {
        self.phase = .idle
        return .wait(self.configuration.pollInterval)
    }

    mutating func findReplied(_ response: SAMResponse) -> Operation {
        let status = response.status
        switch status.category {
        case .sam:
            return self.samFaulted(status)
        case .noCard:
            self.consecutiveFailures = 0
            switch self.card {
            case .absent:
                return self.idleWait()
            case .handled(let misses):
                if misses + 1 >= self.configuration.absentPollsBeforeRemoval {
                    self.card = .absent
                    self.report(.cardRemoved)
                } else {
                    self.card = .handled(misses: misses + 1)
                }
                return self.idleWait()
            case .reading:
                return self.attemptFailed(status.cardRejection)
            }
        case .success where status == .cardFound:
            self.consecutiveFailures = 0
            switch self.card {
            case .handled:
                self.card = .handled(misses: 0)
                return self.idleWait()
            case .absent:
                self.card = .reading(attempt: 0)
                self.report(.cardPresented)
                self.publish(self.status(.busy))
                return self.select()
            case .reading:
                return self.select()
            }
        case .success, .noContent, .card, .exchange:
            return self.exchangeFailed("find answered \(status)")
        }
    }

    mutating func select() -> Operation {
        self.phase = .selecting
        return .exchange(.selectCard, timeout: self.configuration.commandTimeout)
    }

    mutating func selectReplied(_ response: SAMResponse) -> Operation {
        let status = response.status
        switch status.category {
        case .success where status == .success:
            self.consecutiveFailures = 0
            self.phase = .reading
            let command: SAMCommand = self.configuration.readsFingerprints ? .readWithFingerprints : .readTextAndPhoto
            return .exchange(command, timeout: self.configuration.readTimeout)
        case .sam:
            return self.samFaulted(status)
        case .card, .noCard:
            self.consecutiveFailures = 0
            return self.attemptFailed(status.cardRejection)
        case .success, .noContent, .exchange:
            return self.exchangeFailed("select answered \(status)")
        }
    }

    mutating func readReplied(_ response: SAMResponse) -> Operation {
        let status = response.status
        switch status.category {
        case .success where status == .success:
            self.consecutiveFailures = 0
            let payload: CardReadPayload
            do {
                payload = try CardReadPayload(replyData: response.data, withFingerprints: self.configuration.readsFingerprints)
            } catch {
                return self.attemptFailed(.unreadable(error.description))
            }
            let identity: Identity
            do {
                identity = try CardTextDecoder.decode(payload.text)
            } catch {
                return self.cardFinished(.readFailed(error.cardRejection))
            }
            let result = CardReadResult(identity: identity, photo: payload.photo, fingerprints: payload.fingerprints)
            guard self.configuration.readsAppendedAddress else { return self.cardFinished(.cardRead(result)) }
            self.phase = .readingAddress(result)
            return .exchange(.readAppendedAddress, timeout: self.configuration.commandTimeout)
        case .card where status == .unrecognizedCardType:
            self.consecutiveFailures = 0
            return self.cardFinished(.readFailed(status.cardRejection))
        case .card, .noCard:
            self.consecutiveFailures = 0
            return self.attemptFailed(status.cardRejection)
        case .sam:
            return self.samFaulted(status)
        case .success, .noContent, .exchange:
            return self.exchangeFailed("read answered \(status)")
        }
    }

    mutating func addressReplied(_ result: CardReadResult, _ response: SAMResponse) -> Operation {
        self.consecutiveFailures = 0
        var result = result
        if response.status == .success, let address = Self.appendedAddress(from: response.data) {
            result.appendedAddress = address
        }
        return self.cardFinished(.cardRead(result))
    }

    /// The appended-address reply read as UCS-2LE text (GA 490: 70 bytes per address; the
    /// reply's exact layout is uncertain, research §3.1). `nil` when it is not text.
    static func appendedAddress(from data: [UInt8]) -> String? {
        guard !data.isEmpty, data.count % 2 == 0 else { return nil }
        let field = CardTextField(.address, 0, data.count)
        guard let text = try? CardTextDecoder.text(of: field, in: data), !text.isEmpty else { return nil }
        return text
    }

    /// One find→select→read attempt failed: try again from find, or refuse the card.
    mutating func attemptFailed(_ rejection: CardRejection) -> Operation {
        guard case .reading(let attempt) = self.card else {
            preconditionFailure("Internal inconsistency: a read attempt failed with no card being read")
        }
        if attempt + 1 >= self.configuration.maximumReadAttempts {
            return self.cardFinished(.readFailed(rejection))
        }
        self.card = .reading(attempt: attempt + 1)
        return self.find()
    }

    /// The card got its one answer: report it and wait for the card to leave.
    mutating func cardFinished(_ event: CardReaderEvent) -> Operation {
        self.report(event)
        self.card = .handled(misses: 0)
        self.publish(self.status(.online))
        return self.idleWait()
    }
}
