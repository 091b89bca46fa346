namespace GdprOps.Retention;

/// <summary>What Test-RetentionPolicy found in a policy file.</summary>
public sealed class RetentionPolicyValidation
{
    public string Path { get; set; } = string.Empty;

    public bool Valid { get; set; }

    public int MailboxRules { get; set; }

    public int ItemRules { get; set; }

    /// <summary>Every problem, "line N: ...", one per line.</summary>
    public string Problems { get; set; } = string.Empty;
}
