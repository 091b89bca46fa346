namespace GdprOps.Hosting;

/// <summary>A progress snapshot; PercentComplete is -1 when the total is unknown.</summary>
public sealed record RunProgress(string Activity, string Status, string? CurrentOperation = null, int PercentComplete = -1, bool Completed = false);
