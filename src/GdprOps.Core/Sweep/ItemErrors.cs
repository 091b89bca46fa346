using System;
using System.IO;
using GdprOps.Hosting;

namespace GdprOps.Sweep;

/// <summary>Turns the exceptions reading one item can throw into stable, data-free item errors.</summary>
public static class ItemErrors
{
    public static ItemError FromException(Exception exception, string target) => exception switch
    {
        GdprOps.Sources.SourceItemException source => new ItemError(source.ErrorId, source.Kind, target, source.Message, exception),
        UnauthorizedAccessException => new ItemError(ErrorIds.FileAccessDenied, ErrorKind.PermissionDenied, target, "Access to the item was denied.", exception),
        FileNotFoundException or DirectoryNotFoundException => new ItemError(ErrorIds.FileNotFound, ErrorKind.NotFound, target, "The item disappeared before it could be read.", exception),
        _ => new ItemError(ErrorIds.FileReadFailed, ErrorKind.ReadError, target, "The item could not be read: " + exception.GetType().Name + ".", exception),
    };
}
