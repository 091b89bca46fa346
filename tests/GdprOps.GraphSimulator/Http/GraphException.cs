using System;

namespace GdprOps.GraphSimulator.Http;

/// <summary>Thrown by handlers to answer with a Graph error.</summary>
public sealed class GraphException : Exception
{
    public GraphException(int status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    public int Status { get; }

    public string Code { get; }

    public static GraphException BadRequest(string message, string code = "BadRequest") => new(400, code, message);

    public static GraphException NotFound(string message, string code = "ErrorItemNotFound") => new(404, code, message);

    public GraphResponse ToResponse() => GraphResponse.Error(Status, Code, Message);
}
