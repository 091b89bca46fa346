using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using GdprOps.Cli;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace GdprOps.Tests.Cli;

/// <summary>
/// The shipped ways to run sharded sweeps (deploy/): the container image definition and the Kubernetes Indexed Job.
/// Neither docker nor kubectl runs here, so they are checked as far as this machine can: every Dockerfile instruction is
/// one Docker knows and the image is built and run as the CLI is; the job manifest is YAML a Kubernetes Job of the
/// Indexed kind accepts, and its command line is one gdprops accepts, with secrets only from Secrets.
/// </summary>
public class DeployTests
{
    private static readonly string Deploy = Path.Combine(TestPaths.RepoRoot, "deploy");

    private static readonly HashSet<string> DockerInstructions = new(StringComparer.OrdinalIgnoreCase)
    {
        "FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    };

    [Fact]
    public void The_Dockerfile_builds_the_cli_on_the_official_sdk_image_and_runs_it_as_a_non_root_user_without_secrets()
    {
        var instructions = Instructions(File.ReadAllText(Path.Combine(Deploy, "Dockerfile")));
        Assert.All(instructions, i => Assert.Contains(i.Keyword, DockerInstructions));
        var from = instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments).ToList();
        Assert.Equal(2, from.Count);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0 AS build", from[0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime:10.0", from[1], StringComparison.Ordinal);
        Assert.Contains("<TargetFramework>net10.0</TargetFramework>", File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "GdprOps.Cli", "GdprOps.Cli.csproj")), StringComparison.Ordinal);

        string publish = Assert.Single(instructions, i => i.Keyword == "RUN").Arguments;
        string project = Regex.Match(publish, @"dotnet publish (\S+)").Groups[1].Value;
        Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, project)), project);
        // Precompiled for the image's architecture, on the shared runtime of the runtime image.
        Assert.Contains("-p:PublishReadyToRun=true", publish, StringComparison.Ordinal);
        Assert.Contains("--self-contained false", publish, StringComparison.Ordinal);
        Assert.Contains("TARGETARCH", publish, StringComparison.Ordinal);
        Assert.Contains(instructions.TakeWhile(i => i.Keyword != "RUN"), i => i.Keyword == "ARG" && i.Arguments == "TARGETARCH");

        var runtime = instructions.SkipWhile(i => i.Arguments != from[1]).ToList();
        var user = Assert.Single(runtime, i => i.Keyword == "USER").Arguments;
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user);
        Assert.Equal("[\"dotnet\", \"/app/gdprops.dll\"]", Assert.Single(runtime, i => i.Keyword == "ENTRYPOINT").Arguments);
        Assert.Contains("<AssemblyName>gdprops</AssemblyName>", File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "GdprOps.Cli", "GdprOps.Cli.csproj")), StringComparison.Ordinal);
        Assert.DoesNotContain(instructions, i => i.Keyword is "ENV" or "ARG" && Regex.IsMatch(i.Arguments, "SECRET|PASSWORD|TOKEN|SAS_URIS|CONNECTION_STRING", RegexOptions.IgnoreCase));
        Assert.Contains("**/bin/", File.ReadAllText(Path.Combine(TestPaths.RepoRoot, ".dockerignore")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_Kubernetes_job_runs_one_shard_per_index_with_a_command_line_gdprops_accepts_and_secrets_from_secrets()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Deploy, "k8s", "gdprops-find-job.yaml"))));
        var job = (YamlMappingNode)stream.Documents.Single().RootNode;
        Assert.Equal(("batch/v1", "Job"), (Scalar(job, "apiVersion"), Scalar(job, "kind")));
        var spec = Map(job, "spec");
        Assert.Equal("Indexed", Scalar(spec, "completionMode"));
        int completions = int.Parse(Scalar(spec, "completions"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(int.Parse(Scalar(spec, "parallelism"), System.Globalization.CultureInfo.InvariantCulture), 1, completions);

        var pod = Map(Map(spec, "template"), "spec");
        Assert.Equal("Never", Scalar(pod, "restartPolicy"));
        Assert.Equal("true", Scalar(Map(pod, "securityContext"), "runAsNonRoot"));
        var container = (YamlMappingNode)((YamlSequenceNode)pod.Children[new YamlScalarNode("containers")]).Children.Single();
        var args = ((YamlSequenceNode)container.Children[new YamlScalarNode("args")]).Children.Select(a => ((YamlScalarNode)a).Value!).ToList();

        // The arguments as the container sees them once Kubernetes has put in $(VAR) values: gdprops accepts them.
        var expanded = args.Select(a => Regex.Replace(a, @"\$\((\w+)\)", "value-of-$1")).ToArray();
        Assert.Empty(CliApp.Problems(expanded));
        Assert.Equal("find", args[0]);
        Assert.Contains("--shard-from-env", args);
        Assert.Equal(completions.ToString(System.Globalization.CultureInfo.InvariantCulture), args[args.IndexOf("--shard-count") + 1]);
        Assert.Contains("--csv", args);
        Assert.Contains("--checkpoint", args);

        // Secrets come from Secrets; the certificate is a mounted secret volume, read-only.
        var env = ((YamlSequenceNode)container.Children[new YamlScalarNode("env")]).Children.Cast<YamlMappingNode>().ToList();
        foreach (var variable in env.Where(e => Regex.IsMatch(Scalar(e, "name"), "SECRET|PASSWORD|TOKEN")))
        {
            Assert.False(variable.Children.ContainsKey(new YamlScalarNode("value")), Scalar(variable, "name") + " must come from a secretKeyRef");
            Assert.True(Map(variable, "valueFrom").Children.ContainsKey(new YamlScalarNode("secretKeyRef")));
        }

        var certificate = args[args.IndexOf("--certificate-path") + 1];
        var mount = ((YamlSequenceNode)container.Children[new YamlScalarNode("volumeMounts")]).Children.Cast<YamlMappingNode>()
            .Single(m => certificate.StartsWith(Scalar(m, "mountPath") + "/", StringComparison.Ordinal));
        Assert.Equal("true", Scalar(mount, "readOnly"));
        var volume = ((YamlSequenceNode)pod.Children[new YamlScalarNode("volumes")]).Children.Cast<YamlMappingNode>().Single(v => Scalar(v, "name") == Scalar(mount, "name"));
        Assert.True(volume.Children.ContainsKey(new YamlScalarNode("secret")));
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    /// <summary>Dockerfile instructions with their arguments (comments dropped, backslash continuations joined).</summary>
    private static List<(string Keyword, string Arguments)> Instructions(string dockerfile)
    {
        var result = new List<(string, string)>();
        string pending = string.Empty;
        foreach (string raw in dockerfile.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith("#", StringComparison.Ordinal) || (pending.Length == 0 && line.Trim().Length == 0))
            {
                continue;
            }

            pending += (pending.Length > 0 ? " " : string.Empty) + line.Trim().TrimEnd('\\').Trim();
            if (line.TrimEnd().EndsWith("\\", StringComparison.Ordinal))
            {
                continue;
            }

            int space = pending.IndexOf(' ');
            result.Add((pending.Substring(0, space), pending.Substring(space + 1).Trim()));
            pending = string.Empty;
        }

        return result;
    }
}
