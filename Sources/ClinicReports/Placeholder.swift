public enum ClinicReportsPlaceholder {}
