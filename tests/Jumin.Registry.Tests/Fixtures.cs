using Jumin.Testing;

namespace Jumin.Registry.Tests;

/// <summary>A shared demo register per test class and provider (read-only tests only).</summary>
public abstract class DemoRegisterFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public const int Residents = 600;

    public TestRegistry Registry { get; private set; } = null!;

    public DatabaseProvider Provider { get; } = provider;

    public async Task InitializeAsync() => Registry = await TestRegistry.CreateAsync(Provider, Residents);

    public async Task DisposeAsync() => await Registry.DisposeAsync();
}

public sealed class SqliteDemoRegister() : DemoRegisterFixture(DatabaseProvider.Sqlite);

public sealed class PostgresDemoRegister() : DemoRegisterFixture(DatabaseProvider.Postgres);
