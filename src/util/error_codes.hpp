#pragma once
// The stable ids of expected failures (Error::code), as clients see them beside the message: the
// WebSocket's `codigo`, the HTTP API's `code`. snake_case and never renamed: the page translates
// them, and docs/api.md lists each one with its params. A new kind of failure gets a new id here
// (and a line in docs/api.md; a test checks both). A failure without an id shows its kind's name
// (error_kind_name).

#include <array>
#include <string_view>

namespace lote::codes {

// Messages and fields of a request.
inline constexpr std::string_view invalid_json = "invalid_json";              // {}
inline constexpr std::string_view unknown_message = "unknown_message";        // {tipo}
inline constexpr std::string_view invalid_field = "invalid_field";            // {field, expected}
inline constexpr std::string_view missing_field = "missing_field";            // {field}
inline constexpr std::string_view field_out_of_range = "field_out_of_range";  // {field, min, max}

// Filters, parameters, chains and output options.
inline constexpr std::string_view unknown_filter = "unknown_filter";    // {filter}
inline constexpr std::string_view filter_repeated = "filter_repeated";  // {filter}
inline constexpr std::string_view no_filters = "no_filters";            // {}
inline constexpr std::string_view unknown_param = "unknown_param";      // {filter, parameter}
inline constexpr std::string_view param_repeated = "param_repeated";    // {filter, parameter}
// {filter, parameter, min, max, min_exclusive, integer, value}
inline constexpr std::string_view param_out_of_range = "param_out_of_range";
// {filter, parameter, expected: boolean|choice|text, choices?, max_length?, value}
inline constexpr std::string_view param_bad_value = "param_bad_value";
inline constexpr std::string_view param_invalid = "param_invalid";                // {filter}
inline constexpr std::string_view invalid_chain = "invalid_chain";                // {chain?}
inline constexpr std::string_view invalid_chain_name = "invalid_chain_name";      // {chain}
inline constexpr std::string_view output_name_repeated = "output_name_repeated";  // {name}
inline constexpr std::string_view unknown_mode = "unknown_mode";                  // {mode}
inline constexpr std::string_view unknown_format = "unknown_format";              // {format}
// {chain, step, filter, parameter?, cause?}: a file a step reads (a logo) cannot be used
inline constexpr std::string_view step_file_unusable = "step_file_unusable";

// Output folders, names and metadata.
// {folder, reason}: `salida` is not a plain sub-folder of the output root
inline constexpr std::string_view invalid_output_folder = "invalid_output_folder";
inline constexpr std::string_view invalid_text = "invalid_text";      // {field, max_bytes}
inline constexpr std::string_view invalid_choice = "invalid_choice";  // {field, choices}
inline constexpr std::string_view invalid_name_template = "invalid_name_template";  // {template}
// {template, first, second}: two photos would get one output name
inline constexpr std::string_view output_names_clash = "output_names_clash";
inline constexpr std::string_view output_name_too_long = "output_name_too_long";  // {name}
// {chain, other, folder}: two chains whose names make one folder
inline constexpr std::string_view output_folder_shared = "output_folder_shared";

// Presets.
inline constexpr std::string_view invalid_preset = "invalid_preset";            // {key?}
inline constexpr std::string_view invalid_preset_name = "invalid_preset_name";  // {preset}
inline constexpr std::string_view preset_not_found = "preset_not_found";        // {preset}
inline constexpr std::string_view preset_builtin = "preset_builtin";            // {preset}
inline constexpr std::string_view preset_store_failed = "preset_store_failed";  // {preset}

// Several machines through a broker.
inline constexpr std::string_view no_broker = "no_broker";                          // {mode}
inline constexpr std::string_view broker_unreachable = "broker_unreachable";        // {broker}
inline constexpr std::string_view broker_refused = "broker_refused";                // {broker?}
inline constexpr std::string_view broker_unsupported = "broker_unsupported";        // {broker}
inline constexpr std::string_view job_running_elsewhere = "job_running_elsewhere";  // {}
inline constexpr std::string_view share_marker_failed = "share_marker_failed";      // {folder}

// Folders, files and paths (always relative to a root).
inline constexpr std::string_view path_refused = "path_refused";          // {path, reason}
inline constexpr std::string_view folder_not_found = "folder_not_found";  // {folder}
inline constexpr std::string_view file_not_found = "file_not_found";      // {path}
inline constexpr std::string_view no_images = "no_images";                // {folder}
inline constexpr std::string_view image_unreadable = "image_unreadable";  // {path}

// Jobs.
inline constexpr std::string_view job_not_found = "job_not_found";          // {job}
inline constexpr std::string_view job_running = "job_running";              // {job}
inline constexpr std::string_view filter_not_in_job = "filter_not_in_job";  // {job, filter}
inline constexpr std::string_view job_cannot_rerun = "job_cannot_rerun";    // {job, cause, ...}
inline constexpr std::string_view batch_failed = "batch_failed";            // {job}
inline constexpr std::string_view resume_failed = "resume_failed";          // {job}
inline constexpr std::string_view job_crash_loop = "job_crash_loop";        // {job}
inline constexpr std::string_view job_store_failed = "job_store_failed";    // {}
inline constexpr std::string_view server_stopping = "server_stopping";      // {}
inline constexpr std::string_view pool_full = "pool_full";                  // {pool}

// HTTP and the WebSocket upgrade.
inline constexpr std::string_view host_refused = "host_refused";              // {host}
inline constexpr std::string_view token_required = "token_required";          // {}
inline constexpr std::string_view origin_refused = "origin_refused";          // {origin}
inline constexpr std::string_view ws_path = "ws_path";                        // {path}
inline constexpr std::string_view route_not_found = "route_not_found";        // {path}
inline constexpr std::string_view method_not_allowed = "method_not_allowed";  // {method, path}
inline constexpr std::string_view bad_path = "bad_path";                      // {}
inline constexpr std::string_view malformed_request = "malformed_request";    // {}
inline constexpr std::string_view headers_too_large = "headers_too_large";    // {}
inline constexpr std::string_view body_too_large = "body_too_large";          // {}
inline constexpr std::string_view page_missing = "page_missing";              // {}
inline constexpr std::string_view ambiguous_header = "ambiguous_header";      // {}
// {origin, fetch_site}: a request another site's page made the browser send
inline constexpr std::string_view cross_site_refused = "cross_site_refused";
inline constexpr std::string_view json_required = "json_required";  // {content_type}

// Reports.
inline constexpr std::string_view unknown_report_format = "unknown_report_format";  // {format}

// Uploads.
inline constexpr std::string_view not_multipart = "not_multipart";              // {}
inline constexpr std::string_view multipart_malformed = "multipart_malformed";  // {}
inline constexpr std::string_view upload_too_large = "upload_too_large";        // {limit_mb}
inline constexpr std::string_view upload_interrupted = "upload_interrupted";    // {}
inline constexpr std::string_view no_files = "no_files";                        // {}

// Watched folders.
inline constexpr std::string_view invalid_watch_name = "invalid_watch_name";  // {watch}
inline constexpr std::string_view watch_not_found = "watch_not_found";        // {watch}
inline constexpr std::string_view watch_folder_taken = "watch_folder_taken";  // {watch} (409)
// A watch's state, not a refusal: the folder it follows is gone (it looks again every few s).
inline constexpr std::string_view watch_folder_missing = "watch_folder_missing";  // {folder}

inline constexpr std::array kAll{
    invalid_json,
    unknown_message,
    invalid_field,
    missing_field,
    field_out_of_range,
    unknown_filter,
    filter_repeated,
    no_filters,
    unknown_param,
    param_repeated,
    param_out_of_range,
    param_bad_value,
    param_invalid,
    invalid_chain,
    invalid_chain_name,
    output_name_repeated,
    unknown_mode,
    unknown_format,
    path_refused,
    folder_not_found,
    file_not_found,
    no_images,
    image_unreadable,
    job_not_found,
    job_running,
    filter_not_in_job,
    job_cannot_rerun,
    batch_failed,
    resume_failed,
    job_store_failed,
    server_stopping,
    pool_full,
    host_refused,
    token_required,
    origin_refused,
    ws_path,
    route_not_found,
    method_not_allowed,
    bad_path,
    malformed_request,
    headers_too_large,
    body_too_large,
    page_missing,
    not_multipart,
    multipart_malformed,
    upload_too_large,
    upload_interrupted,
    no_files,
    step_file_unusable,
    job_crash_loop,
    ambiguous_header,
    cross_site_refused,
    json_required,
    invalid_output_folder,
    invalid_text,
    invalid_choice,
    invalid_name_template,
    output_names_clash,
    output_name_too_long,
    output_folder_shared,
    invalid_preset,
    invalid_preset_name,
    preset_not_found,
    preset_builtin,
    preset_store_failed,
    no_broker,
    broker_unreachable,
    broker_refused,
    broker_unsupported,
    job_running_elsewhere,
    share_marker_failed,
    unknown_report_format,
    invalid_watch_name,
    watch_not_found,
    watch_folder_taken,
    watch_folder_missing,
};

}  // namespace lote::codes
