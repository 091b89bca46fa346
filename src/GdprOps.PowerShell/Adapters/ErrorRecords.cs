using System.Management.Automation;
using GdprOps.Hosting;

namespace GdprOps.PowerShell.Adapters;

/// <summary>The one place engine errors become PowerShell error records: stable ids, specific categories, real targets.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(ItemError error) =>
        Create(new GdprOpsException(error.ErrorId, error.Kind, error.Message, error.Exception), error.ErrorId, error.Kind, error.Target);

    public static ErrorRecord From(GdprOpsException exception, object? target = null) =>
        Create(exception, exception.ErrorId, exception.Kind, target);

    private static ErrorRecord Create(GdprOpsException exception, string errorId, ErrorKind kind, object? target) =>
        new(exception, errorId, Category(kind), target);

    public static ErrorCategory Category(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ErrorKind.InvalidData => ErrorCategory.InvalidData,
        ErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        ErrorKind.ReadError => ErrorCategory.ReadError,
        ErrorKind.WriteError => ErrorCategory.WriteError,
        ErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        ErrorKind.LimitExceeded => ErrorCategory.LimitsExceeded,
        ErrorKind.OperationStopped => ErrorCategory.OperationStopped,
        _ => ErrorCategory.NotSpecified,
    };
}
