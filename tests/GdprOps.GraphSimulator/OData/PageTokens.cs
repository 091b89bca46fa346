using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GdprOps.GraphSimulator.Http;

namespace GdprOps.GraphSimulator.OData;

/// <summary>Opaque $skiptoken / $deltatoken values: base64url JSON that only the simulator reads.</summary>
public static class PageTokens
{
    public static string Encode(JsonObject state) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(state.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static JsonObject Decode(string token)
    {
        try
        {
            string base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            return JsonNode.Parse(Convert.FromBase64String(base64))?.AsObject() ?? throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            throw GraphException.BadRequest("The skip or delta token is not valid.", "ErrorInvalidUrlQuery");
        }
    }
}
