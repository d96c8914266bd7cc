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
        .library(name: "IDCardReader", targets: ["IDCardReader"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
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

        // MARK: ID card reader (SAM protocol codec, card text, reader driver)
        .target(name: "IDCardReader", dependencies: ["KioskCore", "DeviceKit", .product(name: "Logging", package: "swift-log")]),

        // MARK: Device simulators (the device's side of each protocol, over PTYs and TCP)
        .target(name: "Simulators", dependencies: ["KioskCore", "DeviceKit", "IDCardReader"]),

        // MARK: Shared test fixtures (seed loaders, fake clock session harness)
        .target(name: "KioskTestSupport", dependencies: ["KioskCore"]),

        // MARK: Executables
        .executableTarget(
            name: "onetrip",
            dependencies: [
                "KioskCore", "DeviceKit", "Simulators", "IDCardReader",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(
            name: "onetrip-bench",
            dependencies: [
                "KioskCore", "KioskTestSupport", "IDCardReader", "Simulators", "DeviceKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
        .testTarget(
            name: "IDCardReaderTests",
            dependencies: [
                "IDCardReader", "Simulators", "DeviceKit", "KioskTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
