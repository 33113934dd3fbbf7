// libxlsxwriter (Debian libxlsxwriter-dev): the pack's Excel workbook (ClinicReports' PackWorkbook).
#include <xlsxwriter.h>
