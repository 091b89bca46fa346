using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace GdprOps.Sources.Graph;

/// <summary>A token obtained elsewhere (Connect-GdprOps -AccessToken), used until it expires.</summary>
internal sealed class StaticTokenCredential : TokenCredential
{
    private readonly AccessToken token;

    public StaticTokenCredential(string token) => this.token = new AccessToken(token, JwtClaims.Expiry(token) ?? DateTimeOffset.UtcNow.AddHours(1));

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => token;

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(token);
}
