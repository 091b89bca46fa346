using System.Collections.Generic;

namespace GdprOps.HelpBuilder;

/// <summary>One cmdlet's help as read from its markdown page.</summary>
internal sealed class CommandHelp
{
    public string Name { get; set; } = string.Empty;

    public string Synopsis { get; set; } = string.Empty;

    public List<string> Description { get; } = new();

    public List<ExampleHelp> Examples { get; } = new();

    public List<ParameterHelp> Parameters { get; } = new();

    public List<(string Type, List<string> Text)> Inputs { get; } = new();

    public List<(string Type, List<string> Text)> Outputs { get; } = new();

    public List<string> Notes { get; } = new();

    public List<(string Text, string Uri)> Links { get; } = new();
}

internal sealed class ExampleHelp
{
    public string Title { get; set; } = string.Empty;

    public string Code { get; set; } = string.Empty;

    public List<string> Remarks { get; } = new();
}

internal sealed class ParameterHelp
{
    public string Name { get; set; } = string.Empty;

    public List<string> Description { get; } = new();

    public Dictionary<string, string> Facts { get; } = new(System.StringComparer.OrdinalIgnoreCase);

    public string Fact(string name, string fallback) => Facts.TryGetValue(name, out var v) && v.Length > 0 ? v : fallback;
}
