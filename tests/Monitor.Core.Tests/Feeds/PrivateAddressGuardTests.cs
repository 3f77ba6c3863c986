using System.Net;
using NewsMonitor.Feeds;

namespace NewsMonitor.Tests.Feeds;

public sealed class PrivateAddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.8.8")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.0.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.251")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:a9fe:a9fe::1")]
    public void Inside_addresses_are_not_public(string address) => Assert.False(PrivateAddressGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("64:ff9b::808:808")]
    public void Internet_addresses_are_public(string address) => Assert.True(PrivateAddressGuard.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void Allowed_networks_open_only_themselves()
    {
        var options = new FeedFetchOptions();
        options.AllowedNetworks.Add("127.0.0.0/8");
        options.AllowedNetworks.Add("10.20.30.40");
        var policy = AddressPolicy.From(options);

        Assert.True(policy.Allows(IPAddress.Parse("127.0.0.1")));
        Assert.True(policy.Allows(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.True(policy.Allows(IPAddress.Parse("10.20.30.40")));
        Assert.False(policy.Allows(IPAddress.Parse("10.20.30.41")));
        Assert.False(policy.Allows(IPAddress.Parse("169.254.169.254")));
        Assert.True(policy.Allows(IPAddress.Parse("8.8.8.8")));
    }

    [Fact]
    public void A_bad_network_in_configuration_is_named()
    {
        var options = new FeedFetchOptions();
        options.AllowedNetworks.Add("intranet");

        var error = Assert.Throws<FormatException>(() => AddressPolicy.From(options));

        Assert.Contains("'intranet'", error.Message);
    }
}
