using System;
using System.Net.Http;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace GdprOps.Sources.Graph;

/// <summary>Graph errors translated in one place into stable ids and kinds. Messages carry codes and statuses, never content.</summary>
public static class GraphErrors
{
    /// <summary>The resource of a mailbox's settings (read for -MailboxType): a mailbox's error, with its own permission named.</summary>
    public const string MailboxSettings = "mailbox settings";

    /// <summary>Translates a failed request about a mailbox, message, drive or item.</summary>
    public static SourceItemException Translate(Exception exception, string resource)
    {
        if (exception is SourceItemException already)
        {
            return already;
        }

        if (exception is not ApiException api)
        {
            return new SourceItemException(ErrorIds.GraphRequestFailed, ErrorKind.ReadError, $"The {resource} could not be read: {exception.GetType().Name}.", exception);
        }

        string code = (api as ODataError)?.Error?.Code ?? string.Empty;
        int status = api.ResponseStatusCode;
        bool mail = resource is "mailbox" or "message" or MailboxSettings;
        return (status, code) switch
        {
            (404, "MailboxNotEnabledForRESTAPI") or (404, "MailboxNotSupportedForRESTAPI") =>
                new SourceItemException(ErrorIds.MailboxNotFound, ErrorKind.NotFound, "The user has no Exchange Online mailbox that Graph can reach (MailboxNotEnabledForRESTAPI).", exception),
            (404, "Request_ResourceNotFound") or (404, "ResourceNotFound") when mail =>
                new SourceItemException(ErrorIds.MailboxNotFound, ErrorKind.NotFound, "No such user or mailbox in the tenant.", exception),
            (404, _) when resource == "message" =>
                new SourceItemException(ErrorIds.MessageNotFound, ErrorKind.NotFound, "The message is gone (moved or deleted since it was listed).", exception),
            (404, _) =>
                new SourceItemException(ErrorIds.DriveNotFound, ErrorKind.NotFound, $"The {resource} was not found ({Describe(status, code)}).", exception),
            (403, _) or (401, _) when mail =>
                new SourceItemException(ErrorIds.MailboxAccessDenied, ErrorKind.PermissionDenied,
                    $"The app may not read this mailbox ({Describe(status, code)}): check the {(resource == MailboxSettings ? "MailboxSettings.Read" : "Mail.Read")} application permission and any Exchange RBAC for Applications scope.", exception),
            (403, _) or (401, _) =>
                new SourceItemException(ErrorIds.DriveAccessDenied, ErrorKind.PermissionDenied,
                    $"Access to the {resource} was denied ({Describe(status, code)}): check Files.Read.All / Sites.Read.All.", exception),
            _ => new SourceItemException(mail ? ErrorIds.MailboxReadFailed : ErrorIds.DriveReadFailed, ErrorKind.ReadError,
                $"The {resource} could not be read ({Describe(status, code)}).", exception),
        };
    }

    internal static SourceItemException GaveUp(string what, Exception last, int attempts)
    {
        string detail = last is ApiException api ? Describe(api.ResponseStatusCode, (api as ODataError)?.Error?.Code ?? string.Empty)
            : last is HttpRequestException ? "connection failed" : "timed out";
        bool throttled = last is ApiException { ResponseStatusCode: 429 or 503 };
        return new SourceItemException(throttled ? ErrorIds.GraphThrottled : ErrorIds.GraphRequestFailed, ErrorKind.ResourceUnavailable,
            $"Gave up {what} after {attempts} attempts ({detail}).", last);
    }

    private static string Describe(int status, string code) => code.Length == 0 ? "HTTP " + status : $"HTTP {status} {code}";
}
