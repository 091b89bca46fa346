namespace GdprOps.GraphSimulator.Model;

/// <summary>An emailAddress: display name and SMTP address.</summary>
public sealed record SimAddress(string Name, string Address);
