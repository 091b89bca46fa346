using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace GdprOps.GraphSimulator.Tests;

/// <summary>A token credential for the simulator: an opaque token (all allowed) or a JWT carrying app roles.</summary>
internal sealed class FakeCredential : TokenCredential
{
    private readonly string token;

    public FakeCredential(params string[] roles)
    {
        if (roles.Length == 0)
        {
            token = "simulator-token";
            return;
        }

        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        token = Part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Part("{\"roles\":[\"" + string.Join("\",\"", roles) + "\"]}") + ".c2ln";
    }

    public int Requests { get; private set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Requests++;
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
