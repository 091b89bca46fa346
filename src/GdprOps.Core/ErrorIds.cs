namespace GdprOps;

/// <summary>Stable error ids. Scripts and tests match on them: never rename one.</summary>
public static class ErrorIds
{
    public const string InvalidArgument = "InvalidArgument";
    public const string CaseNotFound = "CaseNotFound";
    public const string CaseExists = "CaseExists";
    public const string CaseIdInvalid = "CaseIdInvalid";
    public const string CaseFileInvalid = "CaseFileInvalid";
    public const string CaseBusy = "CaseBusy";
    public const string CaseWriteFailed = "CaseWriteFailed";
    public const string CaseCompleted = "CaseCompleted";
    public const string ControllerProfileInvalid = "ControllerProfileInvalid";
    public const string CaseExtensionRefused = "CaseExtensionRefused";
    public const string InvalidSubjectProfile = "InvalidSubjectProfile";
    public const string SubjectProfileFileNotFound = "SubjectProfileFileNotFound";
    public const string SubjectProfileFileInvalid = "SubjectProfileFileInvalid";
    public const string AmbiguousNationalId = "AmbiguousNationalId";
    public const string PathNotFound = "PathNotFound";
    public const string DirectoryAccessDenied = "DirectoryAccessDenied";
    public const string DirectoryReadFailed = "DirectoryReadFailed";
    public const string FileAccessDenied = "FileAccessDenied";
    public const string FileReadFailed = "FileReadFailed";
    public const string FileNotFound = "FileNotFound";
    public const string ReportFileNotFound = "ReportFileNotFound";
    public const string ReportMalformed = "ReportMalformed";
    public const string ReportWriteFailed = "ReportWriteFailed";
    public const string ReportFileExists = "ReportFileExists";
    public const string UnknownCategory = "UnknownCategory";
    public const string NotConnected = "NotConnected";
    public const string ConnectionFailed = "ConnectionFailed";
    public const string MailboxNotFound = "MailboxNotFound";
    public const string MailboxAccessDenied = "MailboxAccessDenied";
    public const string MailboxReadFailed = "MailboxReadFailed";
    public const string MessageNotFound = "MessageNotFound";
    public const string DriveNotFound = "DriveNotFound";
    public const string DriveAccessDenied = "DriveAccessDenied";
    public const string DriveReadFailed = "DriveReadFailed";
    public const string SiteNotFound = "SiteNotFound";
    public const string GraphThrottled = "GraphThrottled";
    public const string GraphRequestFailed = "GraphRequestFailed";
    public const string BlobContainerNotFound = "BlobContainerNotFound";
    public const string BlobAccessDenied = "BlobAccessDenied";
    public const string BlobReadFailed = "BlobReadFailed";
    public const string CheckpointInvalid = "CheckpointInvalid";
    public const string AuditLogInvalid = "AuditLogInvalid";
    public const string AuditLogWriteFailed = "AuditLogWriteFailed";
    public const string ExportItemFailed = "ExportItemFailed";
    public const string ExportPathInvalid = "ExportPathInvalid";
    public const string ExportIncomplete = "ExportIncomplete";
    public const string ExportTooLargeToEncrypt = "ExportTooLargeToEncrypt";
    public const string RetentionPolicyInvalid = "RetentionPolicyInvalid";
    public const string ItemOutsideSource = "ItemOutsideSource";
    public const string SpecialFile = "SpecialFile";
    public const string SourceFailed = "SourceFailed";
}
