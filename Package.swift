// swift-tools-version: 6.1
// OneTrip: the controller daemon of a self-service police-station kiosk.
// The target graph and the reasons behind it are in docs/architecture.md.

import PackageDescription

let package = Package(
    name: "OneTrip",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "onetrip", targets: ["onetrip"]),
        .library(name: "KioskCore", targets: ["KioskCore"]),
        .library(name: "DeviceKit", targets: ["DeviceKit"]),
        .library(name: "OneTripSQLite", targets: ["OneTripSQLite"]),
        .library(name: "CertificatePrinter", targets: ["CertificatePrinter"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // Journal, upload queue and reference ingest hub (issue 7)
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // MARK: C libraries (system-library shims, prefixed so they never clash with a dependency's)
        .systemLibrary(name: "COneTripUdev", pkgConfig: "libudev", providers: [.apt(["libudev-dev"])]),
        .systemLibrary(name: "COneTripSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // libcups2-dev ships no cups.pc on Debian 12: no pkgConfig, or every build warns.
        .systemLibrary(name: "COneTripCUPS", providers: [.apt(["libcups2-dev"])]),
        .target(name: "COneTripSerial"),
        .systemLibrary(name: "COneTripCairo", pkgConfig: "pangocairo", providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        .systemLibrary(name: "COneTripQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),

        // MARK: Pure domain (no I/O)
        .target(name: "KioskCore"),

        // MARK: Thin Swift wrappers and device infrastructure
        .target(name: "OneTripSQLite", dependencies: ["COneTripSQLite"]),
        .target(
            name: "DeviceKit",
            dependencies: [
                "KioskCore", "COneTripSerial", "COneTripUdev",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "CertificatePrinter", dependencies: ["KioskCore", "COneTripCUPS"]),

        // MARK: Device simulators (the device's side of each protocol, over PTYs and TCP)
        .target(name: "Simulators", dependencies: ["KioskCore", "DeviceKit"]),

        // MARK: Shared test fixtures (seed loaders, fake clock session harness)
        .target(name: "KioskTestSupport", dependencies: ["KioskCore"]),

        // MARK: Journal, upload queue and reference ingest hub (issue 7; docs/architecture.md "Journal and upload")
        .target(name: "UploadContract", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "Journal",
            dependencies: ["KioskCore", "OneTripSQLite", "UploadContract", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "Uplink",
            dependencies: [
                "Journal", "UploadContract",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "IngestHub",
            dependencies: [
                "OneTripSQLite", "UploadContract",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "onetrip-journal-crashtest",
            dependencies: ["Journal", "Uplink", "KioskCore", "UploadContract", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "JournalTests",
            dependencies: [
                "Journal", "Uplink", "IngestHub", "UploadContract", "KioskCore", "KioskTestSupport", "OneTripSQLite",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Executables
        .executableTarget(
            name: "onetrip",
            dependencies: [
                "KioskCore", "DeviceKit", "Simulators",
                "Journal", "Uplink", "IngestHub",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(
            name: "onetrip-bench",
            dependencies: [
                "KioskCore", "KioskTestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "Journal", "Uplink", "IngestHub", "OneTripSQLite", "UploadContract",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Tests
        .testTarget(
            name: "KioskCoreTests",
            dependencies: ["KioskCore", "KioskTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "OneTripSQLiteTests", dependencies: ["OneTripSQLite"]),
        .testTarget(name: "DeviceKitTests", dependencies: ["DeviceKit", "KioskTestSupport"]),
        .testTarget(name: "CertificatePrinterTests", dependencies: ["CertificatePrinter"]),
        .testTarget(name: "SimulatorsTests", dependencies: ["Simulators", "DeviceKit"]),
    ],
    swiftLanguageModes: [.v6]
)
