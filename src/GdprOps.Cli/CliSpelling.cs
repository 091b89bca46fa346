using System.Text;
using System.Text.RegularExpressions;

namespace GdprOps.Cli;

/// <summary>
/// The engine names what to do in the module's words ("use -IncludeUnscanned", "-Mode Purge"); on the command line
/// those are options (<c>--include-unscanned</c>, <c>--mode Purge</c>) or environment variables. Applied to every
/// warning and error the CLI prints.
/// </summary>
internal static class CliSpelling
{
    private static readonly Regex Parameter = new(@"(?<=^|[\s(""'])(?:Connect-GdprOps )?-(?<name>[A-Z][A-Za-z]+)\b", RegexOptions.CultureInvariant);

    private const string SignIn = "--tenant-id and --client-id with --certificate-path, --certificate-thumbprint or GDPROPS_CLIENT_SECRET; --managed-identity; --device-code; or GDPROPS_ACCESS_TOKEN";

    public static string Translate(string message) => Parameter.Replace(
        message.Replace("run Connect-GdprOps first", "sign in with " + SignIn),
        match => match.Groups["name"].Value switch
        {
            "BlobConnectionString" => "GDPROPS_BLOB_CONNECTION_STRING",
            "BlobSasUri" => "GDPROPS_BLOB_SAS_URIS",
            "OneDrive" => "--onedrive",
            "CheckpointPath" => "--checkpoint",
            "AuditLogPath" => "--audit-log",
            string name => "--" + Kebab(name),
        }).Replace("Connect-GdprOps", "the sign-in options");

    /// <summary>IncludeUnscanned becomes include-unscanned.</summary>
    internal static string Kebab(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(pascal[i]));
        }

        return text.ToString();
    }
}
