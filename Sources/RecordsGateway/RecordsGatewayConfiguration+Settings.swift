import Foundation
import OneTripConfiguration
import Records
import UploadContract

extension RecordsGatewayConfiguration {
    /// The gateway configuration of a kiosk's `onetrip.toml`:
    ///
    /// ```toml
    /// [records]
    /// provider = "gateway"
    /// gateway_url = "https://records.gateway.example:8443"
    /// gateway_key_file = "/etc/onetrip/records-gateway.key"   # hex, as `onetrip hub keygen` prints
    /// ca_file = "/etc/onetrip/records-gateway-ca.pem"         # optional
    /// timeout = "8s"                                          # per attempt
    /// retries = 2
    /// ```
    ///
    /// The kiosk id comes from `[kiosk] id`; the overall budget is one second less than the
    /// session's `records_timeout` (at least half of it), so a failure reaches the citizen as the
    /// gateway's failure rather than as a screen timeout.
    /// - Throws: ``RecordsProviderError/misconfigured(_:)`` when the provider is not `gateway`
    ///   or the key file cannot be read.
    public init(configuration: KioskConfiguration) throws(RecordsProviderError) {
        let settings = configuration.records
        guard settings.provider == .gateway, let text = settings.gatewayURL else {
            throw .misconfigured("\(configuration.file): records.provider is not \"gateway\" or records.gateway_url is missing")
        }
        guard let url = URL(string: text) else { throw .misconfigured("\(configuration.file): records.gateway_url '\(text)' is not a URL") }
        guard let keyFile = settings.gatewayKeyFile else {
            throw .misconfigured("\(configuration.file): records.gateway_key_file is required (requests are signed)")
        }
        let key: KioskKey
        do {
            key = try KioskKey(contentsOfFile: keyFile)
        } catch {
            throw .misconfigured("records.gateway_key_file: \(error)")
        }
        let sessionBudget = configuration.session.timeouts.fetchingRecords
        self.init(
            baseURL: url, kioskID: configuration.kiosk.id, key: key, trustedCertificatesPath: settings.caFile, requestTimeout: settings.timeout,
            retries: settings.retries, overallTimeout: max(sessionBudget - .seconds(1), sessionBudget / 2))
    }
}
