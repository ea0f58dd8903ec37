using System.Diagnostics;

namespace Matchmaker.Tests.Api;

/// <summary>The API's executable (copied beside the tests) run as staff run it from a terminal: a real child process.</summary>
public static class CommandLine
{
    /// <summary>Runs it with <paramref name="args"/>; its exit code, standard output and standard error.</summary>
    public static (int ExitCode, string Output, string Errors) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Matchmaker.Api.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors.Result);
    }
}
