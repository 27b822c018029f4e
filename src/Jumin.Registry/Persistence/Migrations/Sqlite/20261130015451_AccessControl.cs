using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.Registry.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccessControl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "rights_version",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "second_factor_last_step",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<byte[]>(
                name: "second_factor_secret",
                table: "users",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<int>(
                name: "valid_from",
                table: "users",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "valid_until",
                table: "users",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "active",
                table: "terminals",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "address",
                table: "terminals",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "registered_at",
                table: "terminals",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "registered_by",
                table: "terminals",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "scheduled_account_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    effective_on = table.Column<int>(type: "INTEGER", nullable: false),
                    department = table.Column<string>(type: "TEXT", nullable: true),
                    permissions = table.Column<string>(type: "TEXT", nullable: true),
                    visible_items = table.Column<string>(type: "TEXT", nullable: true),
                    valid_until = table.Column<int>(type: "INTEGER", nullable: true),
                    requested_by = table.Column<string>(type: "TEXT", nullable: false),
                    requested_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    applied_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    cancelled_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduled_account_changes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_scheduled_account_changes_user_id_effective_on",
                table: "scheduled_account_changes",
                columns: new[] { "user_id", "effective_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scheduled_account_changes");

            migrationBuilder.DropColumn(
                name: "rights_version",
                table: "users");

            migrationBuilder.DropColumn(
                name: "second_factor_last_step",
                table: "users");

            migrationBuilder.DropColumn(
                name: "second_factor_secret",
                table: "users");

            migrationBuilder.DropColumn(
                name: "valid_from",
                table: "users");

            migrationBuilder.DropColumn(
                name: "valid_until",
                table: "users");

            migrationBuilder.DropColumn(
                name: "active",
                table: "terminals");

            migrationBuilder.DropColumn(
                name: "address",
                table: "terminals");

            migrationBuilder.DropColumn(
                name: "registered_at",
                table: "terminals");

            migrationBuilder.DropColumn(
                name: "registered_by",
                table: "terminals");
        }
    }
}
