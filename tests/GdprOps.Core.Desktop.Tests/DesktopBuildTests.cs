using System;
using System.Reflection;
using GdprOps.Detection.Discovery;
using Xunit;

namespace GdprOps.Tests;

public class DesktopBuildTests
{
    [Fact]
    public void The_engine_under_test_is_the_netstandard2_0_build()
    {
        var framework = typeof(DiscoveryScanner).Assembly.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>();
        Assert.Equal(".NETStandard,Version=v2.0", framework?.FrameworkName);
    }
}
