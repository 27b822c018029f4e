using Jumin.Storage;
﻿using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.JukiNet.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "identity_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    resident_code = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    municipality_code = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    name_kana = table.Column<string>(type: "TEXT", nullable: false),
                    birth_date = table.Column<string>(type: "TEXT", nullable: false),
                    sex = table.Column<int>(type: "INTEGER", nullable: false),
                    address = table.Column<string>(type: "TEXT", nullable: false),
                    individual_number = table.Column<string>(type: "TEXT", nullable: true),
                    change_reason = table.Column<int>(type: "INTEGER", nullable: false),
                    change_date = table.Column<string>(type: "TEXT", nullable: false),
                    is_resident = table.Column<bool>(type: "INTEGER", nullable: false),
                    became_current = table.Column<bool>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_history", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_records",
                columns: table => new
                {
                    resident_code = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    municipality_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    name_kana = table.Column<string>(type: "TEXT", nullable: false),
                    birth_date = table.Column<string>(type: "TEXT", nullable: false),
                    sex = table.Column<int>(type: "INTEGER", nullable: false),
                    address = table.Column<string>(type: "TEXT", nullable: false),
                    individual_number = table.Column<string>(type: "TEXT", nullable: true),
                    change_reason = table.Column<int>(type: "INTEGER", nullable: false),
                    change_date = table.Column<string>(type: "TEXT", nullable: false),
                    is_resident = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_records", x => x.resident_code);
                });

            migrationBuilder.CreateTable(
                name: "link_states",
                columns: table => new
                {
                    peer = table.Column<string>(type: "TEXT", nullable: false),
                    stream = table.Column<string>(type: "TEXT", nullable: false),
                    last_sequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_link_states", x => new { x.peer, x.stream });
                });

            migrationBuilder.CreateTable(
                name: "message_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    direction = table.Column<string>(type: "TEXT", nullable: false),
                    peer = table.Column<string>(type: "TEXT", nullable: false),
                    stream = table.Column<string>(type: "TEXT", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: true),
                    content_hash = table.Column<string>(type: "TEXT", nullable: true),
                    resident_code = table.Column<string>(type: "TEXT", nullable: true),
                    reply_body = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    destination = table.Column<string>(type: "TEXT", nullable: false),
                    stream = table.Column<string>(type: "TEXT", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    sent_at = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    delivered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    reply_body = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "provision_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recipient = table.Column<string>(type: "TEXT", nullable: false),
                    legal_ground = table.Column<string>(type: "TEXT", nullable: false),
                    @operator = table.Column<string>(name: "operator", type: "TEXT", nullable: false),
                    criteria = table.Column<string>(type: "TEXT", nullable: false),
                    subjects = table.Column<string>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provision_log", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_identity_history_resident_code_version",
                table: "identity_history",
                columns: new[] { "resident_code", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_records_individual_number",
                table: "identity_records",
                column: "individual_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_records_municipality_code",
                table: "identity_records",
                column: "municipality_code");

            migrationBuilder.CreateIndex(
                name: "ix_identity_records_name_birth_date",
                table: "identity_records",
                columns: new[] { "name", "birth_date" });

            migrationBuilder.CreateIndex(
                name: "ix_identity_records_name_kana_birth_date",
                table: "identity_records",
                columns: new[] { "name_kana", "birth_date" });

            migrationBuilder.CreateIndex(
                name: "ix_message_log_peer_stream_sequence",
                table: "message_log",
                columns: new[] { "peer", "stream", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_message_log_resident_code",
                table: "message_log",
                column: "resident_code");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_delivered_at_destination",
                table: "outbox",
                columns: new[] { "delivered_at", "destination" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_destination_stream_sequence",
                table: "outbox",
                columns: new[] { "destination", "stream", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_provision_log_at",
                table: "provision_log",
                column: "at");

            foreach (var sql in AppendOnlyTriggers.Sqlite("identity_history", "message_log").Concat(AppendOnlyTriggers.SqliteRetention("provision_log", "at", 7)))
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AppendOnlyTriggers.SqliteRetentionDrop("provision_log").Concat(AppendOnlyTriggers.SqliteDrop("identity_history", "message_log")))
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropTable(
                name: "identity_history");

            migrationBuilder.DropTable(
                name: "identity_records");

            migrationBuilder.DropTable(
                name: "link_states");

            migrationBuilder.DropTable(
                name: "message_log");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "provision_log");
        }
    }
}
