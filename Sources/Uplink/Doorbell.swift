/// Wakes the upload loop: a ring while nobody waits is remembered once; a waiter wakes at the
/// first ring, at its timeout, or when its task is cancelled.
actor Doorbell {
    private var rang = false
    private var waiter: CheckedContinuation<Void, Never>?

    /// Wakes the waiter, or remembers the ring.
    func ring() {
        if let waiter = self.waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            self.rang = true
        }
    }

    /// Waits for a ring, at most `timeout`.
    func wait(timeout: Duration) async {
        if self.rang {
            self.rang = false
            return
        }
        let timer = Task { [weak self] in
            do { try await Task.sleep(for: timeout) } catch { return }
            await self?.wake()
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume()
                } else {
                    self.waiter = continuation
                }
            }
        } onCancel: {
            Task { await self.wake() }
        }
        timer.cancel()
    }

    private func wake() {
        if let waiter = self.waiter {
            self.waiter = nil
            waiter.resume()
        }
    }
}

/// Lets one batch be in flight at a time, whoever sends it (the run loop or a flush).
actor BatchGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Waits for the gate.
    func enter() async {
        guard self.busy else {
            self.busy = true
            return
        }
        await withCheckedContinuation { self.waiters.append($0) }
    }

    /// Opens the gate for the next waiter.
    func leave() {
        if self.waiters.isEmpty {
            self.busy = false
        } else {
            self.waiters.removeFirst().resume()
        }
    }
}
