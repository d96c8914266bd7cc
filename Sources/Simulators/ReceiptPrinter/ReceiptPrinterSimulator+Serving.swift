import DeviceKit

extension ReceiptPrinterSimulator {
    /// How long a network connection may stay idle before the simulated printer closes it, as
    /// network receipt printers do (which is why drivers connect per job).
    public static let idleTimeout: Duration = .seconds(30)

    /// Serves a simulated serial cable (PTY) until the task is cancelled. A drop (fault
    /// injection) unplugs the cable and plugs it back in 100 ms later.
    public nonisolated func serve(link: SimulatedSerialLink) -> Task<Void, Never> {
        Task {
            let send: @Sendable ([UInt8]) async -> Void = { bytes in try? await link.send(bytes) }
            var connection = await self.openConnection(send: send)
            while !Task.isCancelled {
                let bytes: [UInt8]
                do throws(TransportError) {
                    bytes = try await link.receive(maximumCount: 64 * 1024, timeout: .milliseconds(500))
                } catch .timeout {
                    continue
                } catch .cancelled {
                    break
                } catch {
                    // Unplugged (by a drop in progress, or by the owner): wait for the cable.
                    try? await Task.sleep(for: .milliseconds(20))
                    continue
                }
                let reception = await self.receive(bytes, on: connection)
                if !reception.replies.isEmpty { try? await link.send(reception.replies) }
                if reception.drop {
                    await self.closeConnection(connection)
                    link.unplug()
                    try? await Task.sleep(for: .milliseconds(100))
                    try? link.plugIn()
                    connection = await self.openConnection(send: send)
                }
            }
            await self.closeConnection(connection)
        }
    }

    /// Listens for network connections, as a printer's raw port 9100 does.
    /// - Parameters:
    ///   - host: the address to bind (`127.0.0.1` for tests, `0.0.0.0` to serve a LAN).
    ///   - port: the port, or 0 for a free one (see ``TCPListener/port``).
    /// - Throws: ``TransportError`` when the address cannot be bound.
    public nonisolated func listen(host: String = "127.0.0.1", port: Int) throws(TransportError) -> TCPListener {
        try TCPListener(host: host, port: port) { stream, peer in
            Task { await self.serve(connection: stream, peer: peer) }
        }
    }

    /// Serves one TCP connection until the peer closes it, it idles out, or a drop is injected.
    func serve(connection stream: FileDescriptorStream, peer: String) async {
        let connection = self.openConnection { bytes in try? await stream.write(bytes, timeout: .seconds(2)) }
        self.configuration.log?("connection \(connection) from \(peer)")
        var reason = "closed by the peer"
        while true {
            let bytes: [UInt8]
            do throws(TransportError) {
                bytes = try await stream.read(maximumCount: 64 * 1024, timeout: Self.idleTimeout)
            } catch .timeout {
                reason = "idle for \(Self.idleTimeout)"
                break
            } catch {
                break
            }
            let reception = self.receive(bytes, on: connection)
            if !reception.replies.isEmpty { try? await stream.write(reception.replies, timeout: .seconds(2)) }
            if reception.drop {
                reason = "dropped (fault injection)"
                break
            }
        }
        stream.close()
        self.closeConnection(connection)
        self.configuration.log?("connection \(connection) ended: \(reason)")
    }
}
