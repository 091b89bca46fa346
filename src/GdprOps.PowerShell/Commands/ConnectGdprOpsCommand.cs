using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using GdprOps.PowerShell.Adapters;
using GdprOps.Sources.Graph;

namespace GdprOps.PowerShell.Commands;

/// <summary>Connect-GdprOps: signs in to Microsoft Graph (and Azure Storage) once for the session.</summary>
[Cmdlet(VerbsCommunications.Connect, "GdprOps", DefaultParameterSetName = SecretSet)]
[OutputType(typeof(GraphConnectionInfo))]
public sealed class ConnectGdprOpsCommand : GdprOpsCmdlet
{
    public const string SecretSet = "ClientSecret";
    public const string ThumbprintSet = "CertificateThumbprint";
    public const string CertificateFileSet = "CertificateFile";
    public const string ManagedIdentitySet = "ManagedIdentity";
    public const string DeviceCodeSet = "DeviceCode";
    public const string InteractiveSet = "Interactive";
    public const string AccessTokenSet = "AccessToken";

    [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
    [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateFileSet)]
    [Parameter(ParameterSetName = DeviceCodeSet)]
    [Parameter(ParameterSetName = InteractiveSet)]
    [ValidateNotNullOrEmpty]
    public string? TenantId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
    [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateFileSet)]
    [Parameter(ParameterSetName = ManagedIdentitySet)]
    [Parameter(ParameterSetName = DeviceCodeSet)]
    [Parameter(ParameterSetName = InteractiveSet)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
    [ValidateNotNull]
    public SecureString? ClientSecret { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CertificateFileSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificatePath { get; set; }

    [Parameter(ParameterSetName = CertificateFileSet)]
    public SecureString? CertificatePassword { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ManagedIdentitySet)]
    public SwitchParameter ManagedIdentity { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
    public SwitchParameter DeviceCode { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = InteractiveSet)]
    public SwitchParameter Interactive { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
    [ValidateNotNull]
    public SecureString? AccessToken { get; set; }

    [Parameter]
    [ValidateSet("Global", "USGov", "USGovDoD", "China", IgnoreCase = true)]
    public string Environment { get; set; } = "Global";

    [Parameter]
    [ValidateNotNull]
    public Uri? GraphEndpoint { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StorageAccount { get; set; }

    /// <summary>At most this many Graph requests per second over the connection, all mailboxes together (a shard's part of the tenant's budget).</summary>
    [Parameter]
    [ValidateRange(0.1, 100000.0)]
    public double? MaxRequestsPerSecond { get; set; }

    protected override void EndProcessing()
    {
        GraphConnection? connection = null;
        try
        {
            connection = GraphConnection.Create(new GraphConnectionOptions
            {
                TenantId = TenantId,
                ClientId = ClientId,
                ClientSecret = Plain(ClientSecret),
                Certificate = LoadCertificate(),
                ManagedIdentity = ManagedIdentity,
                ManagedIdentityClientId = ManagedIdentity ? ClientId : null,
                DeviceCode = DeviceCode,
                Interactive = Interactive,
                AccessToken = Plain(AccessToken),
                Environment = Environment,
                GraphEndpoint = GraphEndpoint,
                StorageAccount = StorageAccount,
                MaxRequestsPerSecond = MaxRequestsPerSecond,
            });
            var created = connection;
            var info = RunEngine(async (host, token) =>
            {
                created.Options.DeviceCodeMessage = message => host.WriteWarning(message);
                return await created.DescribeAsync(token).ConfigureAwait(false);
            });
            GdprOpsSession.Set(connection, info);
            connection = null;
            WriteVerbose($"Connected to {info.GraphEndpoint} as app {info.ClientId} ({info.AuthType}).");
            WriteResult(info);
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private X509Certificate2? LoadCertificate() =>
        CertificateThumbprint is { } thumbprint ? AppCertificate.FromStore(thumbprint)
        : CertificatePath is { } path ? AppCertificate.FromFile(GetUnresolvedProviderPathFromPSPath(path), Plain(CertificatePassword))
        : null;

    private static string? Plain(SecureString? secret) => secret is null ? null : new NetworkCredential(string.Empty, secret).Password;
}
