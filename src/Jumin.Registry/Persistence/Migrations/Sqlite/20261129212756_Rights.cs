using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.Registry.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Rights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "permissions",
                table: "users",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "visible_items",
                table: "users",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // Existing accounts keep what their roles allowed (j1380) and what they could see (j1390).
            foreach (var sql in RightsMigration.Up)
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropColumn(
                name: "can_view_individual_number",
                table: "users");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "can_view_individual_number",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql(RightsMigration.Down);

            migrationBuilder.DropColumn(
                name: "permissions",
                table: "users");

            migrationBuilder.DropColumn(
                name: "visible_items",
                table: "users");

        }
    }
}
