using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using GdprOps.Sources;
using GdprOps.Sources.Blob;
using GdprOps.Sources.FileSystem;
using GdprOps.Sources.Graph;

namespace GdprOps.Cli;

/// <summary>
/// The Microsoft 365 and Azure Blob options of gdprops find: the same sources and sign-in kinds as
/// Connect-GdprOps and Find-PersonalData. Secrets come from environment variables, never from the command line
/// (where other users of the machine could read them in the process list).
/// </summary>
internal sealed class CloudOptions
{
    public Option<string[]> Mailbox { get; } = new("--mailbox") { Description = "User or shared mailboxes (UPN or id).", AllowMultipleArgumentsPerToken = true };
    public Option<bool> AllMailboxes { get; } = new("--all-mailboxes") { Description = "Every mailbox in the tenant." };
    public Option<string> MailboxType { get; } = new("--mailbox-type") { Description = "With --all-mailboxes: All, User or Shared.", DefaultValueFactory = _ => "All" };
    public Option<string[]> Folder { get; } = new("--folder") { Description = "Mail folders: well-known names or display paths.", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> OneDrive { get; } = new("--onedrive") { Description = "Users whose OneDrive to sweep.", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> Site { get; } = new("--site") { Description = "SharePoint site URLs or ids.", AllowMultipleArgumentsPerToken = true };
    public Option<bool> AllSites { get; } = new("--all-sites") { Description = "Every SharePoint site." };
    public Option<string[]> Team { get; } = new("--team") { Description = "Teams by id or display name.", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> BlobContainer { get; } = new("--blob-container") { Description = "Blob containers: names (with GDPROPS_BLOB_CONNECTION_STRING or --storage-account) or URLs.", AllowMultipleArgumentsPerToken = true };
    public Option<string?> Prefix { get; } = new("--prefix") { Description = "Only blobs whose names start with this." };
    /// <summary>Refused: a SAS URL in an option value shows in the process list. Kept (hidden) to say what to do instead.</summary>
    public Option<string[]> BlobSasUri { get; } = new("--blob-sas-uri") { Hidden = true, AllowMultipleArgumentsPerToken = true };
    public Option<FileInfo?> BlobSasUriFile { get; } = new("--blob-sas-uri-file") { Description = "A file with container SAS URLs, one per line (or set GDPROPS_BLOB_SAS_URIS). Never on the command line: the process list would show it." };
    public Option<bool> Deep { get; } = new("--deep") { Description = "Read every message and file instead of asking the search index first." };
    public Option<FileInfo?> Checkpoint { get; } = new("--checkpoint") { Description = "Record finished mailboxes, drives and containers here and skip them when run again." };
    public Option<string?> TenantId { get; } = new("--tenant-id") { Description = "Entra ID tenant id or domain." };
    public Option<string?> ClientId { get; } = new("--client-id") { Description = "App (client) id; with --managed-identity, a user-assigned identity's client id." };
    public Option<FileInfo?> CertificatePath { get; } = new("--certificate-path") { Description = "A .pfx with the app's certificate (password in GDPROPS_CERTIFICATE_PASSWORD)." };
    public Option<string?> CertificateThumbprint { get; } = new("--certificate-thumbprint") { Description = "The app's certificate in the CurrentUser or LocalMachine My store." };
    public Option<bool> ManagedIdentity { get; } = new("--managed-identity") { Description = "Sign in with the managed identity of this Azure resource." };
    public Option<bool> DeviceCode { get; } = new("--device-code") { Description = "Sign in as a user with a device code." };
    public Option<string> Environment { get; } = new("--environment") { Description = "Global, USGov, USGovDoD or China.", DefaultValueFactory = _ => "Global" };
    public Option<string?> GraphEndpoint { get; } = new("--graph-endpoint") { Description = "Another Graph base URL ending in /v1.0." };
    public Option<string?> StorageAccount { get; } = new("--storage-account") { Description = "Storage account reached with the same identity." };
    public Option<double?> MaxRequestsPerSecond { get; } = new("--max-requests-per-second") { Description = "At most this many Microsoft Graph requests per second from this process, all mailboxes together; give each of N shards 1/N of the tenant's budget." };

    public IEnumerable<Option> All => new Option[]
    {
        Mailbox, AllMailboxes, MailboxType, Folder, OneDrive, Site, AllSites, Team, BlobContainer, Prefix, BlobSasUri, BlobSasUriFile, Deep, Checkpoint,
    }.Concat(SignIn);

    /// <summary>How to sign in to Microsoft 365 and Azure Storage: what export and remove need to reach the items a report names.</summary>
    public IEnumerable<Option> SignIn => new Option[]
    {
        TenantId, ClientId, CertificatePath, CertificateThumbprint, ManagedIdentity, DeviceCode, Environment, GraphEndpoint, StorageAccount, MaxRequestsPerSecond,
    };

    public GraphSweepScope Scope(ParseResult parse) => new()
    {
        Mailboxes = parse.GetValue(Mailbox) ?? Array.Empty<string>(),
        AllMailboxes = parse.GetValue(AllMailboxes),
        MailboxType = parse.GetValue(MailboxType) ?? "All",
        OneDrives = parse.GetValue(OneDrive) ?? Array.Empty<string>(),
        Sites = parse.GetValue(Site) ?? Array.Empty<string>(),
        AllSites = parse.GetValue(AllSites),
        Teams = parse.GetValue(Team) ?? Array.Empty<string>(),
        Mail = new MailSweepOptions { Folders = parse.GetValue(Folder) ?? Array.Empty<string>() },
        Deep = parse.GetValue(Deep),
    };

    /// <summary>Where to look: --path (as full paths), mailboxes, drives and blob containers.</summary>
    public SourceScope SourceScope(ParseResult parse, Option<string[]> paths, FileSystemSourceOptions? files = null) => new()
    {
        Paths = (parse.GetValue(paths) ?? Array.Empty<string>()).Select(Path.GetFullPath).ToList(),
        Files = files ?? new FileSystemSourceOptions(),
        Graph = Scope(parse),
        Blobs = Blobs(parse),
    };

    /// <summary>
    /// The blob containers to sweep. SAS URLs (secrets) come from GDPROPS_BLOB_SAS_URIS or --blob-sas-uri-file only:
    /// given as an option value, or as a --blob-container URL carrying a signature, they are refused.
    /// </summary>
    public BlobScope Blobs(ParseResult parse)
    {
        if ((parse.GetValue(BlobSasUri) ?? Array.Empty<string>()).Length > 0)
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument,
                "--blob-sas-uri is refused: a SAS URL on the command line shows in the process list. Put the URLs in GDPROPS_BLOB_SAS_URIS (one per line) or in a file for --blob-sas-uri-file.");
        }

        var containers = parse.GetValue(BlobContainer) ?? Array.Empty<string>();
        if (containers.Any(c => c.IndexOf("sig=", StringComparison.OrdinalIgnoreCase) >= 0))
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument,
                "A --blob-container URL carries a SAS signature: that secret would show in the process list. Put SAS URLs in GDPROPS_BLOB_SAS_URIS or a file for --blob-sas-uri-file.");
        }

        var sas = new List<string>();
        if (System.Environment.GetEnvironmentVariable("GDPROPS_BLOB_SAS_URIS") is { Length: > 0 } fromEnvironment)
        {
            sas.AddRange(Lines(fromEnvironment));
        }

        if (parse.GetValue(BlobSasUriFile) is { } file)
        {
            try
            {
                sas.AddRange(Lines(File.ReadAllText(file.FullName)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, $"--blob-sas-uri-file cannot be read: {ex.GetType().Name}.", ex);
            }
        }

        return new BlobScope
        {
            Containers = containers,
            SasUris = sas.Select(s => AbsoluteUri(s, "a SAS URL (GDPROPS_BLOB_SAS_URIS or --blob-sas-uri-file)")).ToArray(),
            Prefix = parse.GetValue(Prefix),
            ConnectionString = System.Environment.GetEnvironmentVariable("GDPROPS_BLOB_CONNECTION_STRING"),
        };
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split(new[] { '\r', '\n', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("#", StringComparison.Ordinal));

    /// <summary>The connection the options describe, or null when none is needed. Secrets come from GDPROPS_* variables.</summary>
    public GraphConnection? Connect(ParseResult parse, bool needed, TextWriter error)
    {
        string? secret = System.Environment.GetEnvironmentVariable("GDPROPS_CLIENT_SECRET");
        string? token = System.Environment.GetEnvironmentVariable("GDPROPS_ACCESS_TOKEN");
        bool signIn = parse.GetValue(ManagedIdentity) || parse.GetValue(DeviceCode) || parse.GetValue(CertificatePath) is not null || parse.GetValue(CertificateThumbprint) is not null;
        if (!needed && !signIn && parse.GetValue(StorageAccount) is null)
        {
            return null;
        }

        return GraphConnection.Create(new GraphConnectionOptions
        {
            TenantId = parse.GetValue(TenantId),
            ClientId = parse.GetValue(ClientId),
            ClientSecret = signIn ? null : secret,
            AccessToken = signIn || secret is not null ? null : token,
            Certificate = Certificate(parse),
            ManagedIdentity = parse.GetValue(ManagedIdentity),
            ManagedIdentityClientId = parse.GetValue(ManagedIdentity) ? parse.GetValue(ClientId) : null,
            DeviceCode = parse.GetValue(DeviceCode),
            DeviceCodeMessage = message => error.WriteLine(message),
            Environment = parse.GetValue(Environment) ?? "Global",
            GraphEndpoint = parse.GetValue(GraphEndpoint) is { } endpoint ? AbsoluteUri(endpoint, "--graph-endpoint") : null,
            StorageAccount = parse.GetValue(StorageAccount),
            MaxRequestsPerSecond = parse.GetValue(MaxRequestsPerSecond),
        });
    }

    private static Uri AbsoluteUri(string text, string option) => Uri.TryCreate(text, UriKind.Absolute, out var uri)
        ? uri
        : throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, $"{option} needs an absolute URL.");

    private X509Certificate2? Certificate(ParseResult parse) =>
        parse.GetValue(CertificatePath) is { } file ? AppCertificate.FromFile(file.FullName, System.Environment.GetEnvironmentVariable("GDPROPS_CERTIFICATE_PASSWORD"))
        : parse.GetValue(CertificateThumbprint) is { } thumbprint ? AppCertificate.FromStore(thumbprint)
        : null;
}
