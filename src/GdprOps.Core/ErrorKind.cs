namespace GdprOps;

/// <summary>What went wrong, independent of PowerShell; the cmdlets map it onto ErrorCategory.</summary>
public enum ErrorKind
{
    InvalidArgument,
    InvalidData,
    NotFound,
    PermissionDenied,
    ReadError,
    WriteError,
    ResourceUnavailable,
    LimitExceeded,
    OperationStopped,
}
