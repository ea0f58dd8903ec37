using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Matchmaker.Tests.Storage;

namespace Matchmaker.Tests.Api;

/// <summary>
/// The API as a process of its own, started from its executable (copied beside the tests: <c>dotnet Matchmaker.Api.dll</c>)
/// as an administrator would start it, on a free port of its own, with <see cref="MatchmakerFactory.StaffKey"/> as the
/// bootstrap key and the rate limit out of the way unless <c>--Limits:RequestsPerMinute</c> is among the settings.
/// Its output is kept in a file for failure messages.
/// </summary>
internal sealed class ApiProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _logFile = Path.Combine(Path.GetTempPath(), $"matchmaker-api-{Guid.NewGuid():N}.log");
    private readonly StreamWriter _log;

    public ApiProcess(TestDatabase database, params string[] settings)
    {
        var port = FreePort();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Client.DefaultRequestHeaders.Add("X-Api-Key", MatchmakerFactory.StaffKey);
        _log = new StreamWriter(new FileStream(_logFile, FileMode.Create, FileAccess.Write, FileShare.ReadWrite), Encoding.UTF8) { AutoFlush = true };
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Matchmaker.Api.dll"));
        // Of a setting given twice on the command line the later one holds.
        foreach (var arg in (string[])[$"--urls=http://127.0.0.1:{port}", .. database.CommandLine, $"--Auth:BootstrapKey={MatchmakerFactory.StaffKey}",
                     "--Limits:RequestsPerMinute=10000000", .. settings])
            start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public HttpClient Client { get; }

    /// <summary>The process id and port, to tell processes apart in messages.</summary>
    public string Name => $"pid {_process.Id}, port {Client.BaseAddress!.Port}";

    /// <summary>All the process wrote so far (standard output and error, in the order they came).</summary>
    public string Output
    {
        get
        {
            lock (_log)
            {
                using var reader = new StreamReader(new FileStream(_logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
                return reader.ReadToEnd();
            }
        }
    }

    private void Log(string? line)
    {
        if (line is null) return;
        lock (_log) _log.WriteLine(line);
    }

    public async Task WaitUntilReadyAsync()
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (_process.HasExited) break;
            try
            {
                if ((await Client.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        Assert.Fail($"The API process did not become ready:\n{Output}");
    }

    /// <summary>
    /// Kills the process as a power cut would: on Linux <see cref="Process.Kill(bool)"/> sends SIGKILL, so no shutdown
    /// code runs. The exit code, 128 + the signal's number (137 for SIGKILL) when a signal ended it.
    /// </summary>
    public int Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(); // and for the end of its output
        return _process.ExitCode;
    }

    /// <summary>
    /// Stops the process as a service manager would, with SIGTERM: it shuts down in order (the test fails if it takes over
    /// 30 s). The exit code, 0 after an orderly shutdown.
    /// </summary>
    public int Stop()
    {
        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) signal.WaitForExit();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30))) Assert.Fail($"The API process did not stop within 30 s of SIGTERM:\n{Output}");
        return Kill(); // which waits for the end of its output
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        Client.Dispose();
        lock (_log) _log.Dispose();
        File.Delete(_logFile);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
