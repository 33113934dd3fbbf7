/// The version Clinic reports (`clinic --version`, the pack's and the notebook's provenance).
public enum ClinicVersion {
    public static let current = "0.1.0"
}
