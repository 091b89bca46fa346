using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace GdprOps.GraphSimulator.Http;

/// <summary>A response before it is written: JSON, bytes, a redirect or nothing.</summary>
public sealed class GraphResponse
{
    public int Status { get; init; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public JsonNode? Json { get; init; }

    public byte[]? Bytes { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Close the connection without answering (a fault).</summary>
    public bool Drop { get; init; }

    public string? ErrorCode { get; init; }

    public static GraphResponse Ok(JsonNode json, int status = 200) => new() { Status = status, Json = json };

    public static GraphResponse NoContent() => new() { Status = 204 };

    public static GraphResponse Content(byte[] bytes, string contentType) => new() { Status = 200, Bytes = bytes, ContentType = contentType };

    public static GraphResponse Redirect(string location)
    {
        var response = new GraphResponse { Status = 302 };
        response.Headers["Location"] = location;
        return response;
    }

    /// <summary>Graph's error shape: {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}.</summary>
    public static GraphResponse Error(int status, string code, string message, TimeSpan? retryAfter = null)
    {
        var response = new GraphResponse
        {
            Status = status,
            ErrorCode = code,
            Json = new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["code"] = code,
                    ["message"] = message,
                    ["innerError"] = new JsonObject(),
                },
            },
        };
        if (retryAfter is { } wait)
        {
            response.Headers["Retry-After"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return response;
    }

    /// <summary>Fills the innerError with the request ids once they are known.</summary>
    public void Stamp(string requestId, string clientRequestId, DateTimeOffset now)
    {
        Headers["request-id"] = requestId;
        Headers["client-request-id"] = clientRequestId;
        if (Json?["error"]?["innerError"] is JsonObject inner)
        {
            inner["date"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            inner["request-id"] = requestId;
            inner["client-request-id"] = clientRequestId;
        }
    }

    public byte[] BodyBytes() => Bytes ?? (Json is null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(Json.ToJsonString()));

    public string? BodyContentType() => ContentType ?? (Json is null ? null : "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8");
}
